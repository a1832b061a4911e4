package dev.clawscope.proof;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code summary.md}: markdown to paste under a "Real Behavior Proof" heading, so it starts at level 3. */
public final class SummaryWriter {

    /** Delays beyond this many are counted, not listed. */
    private static final int DELAYS_LISTED = 40;

    private SummaryWriter() {
    }

    public static String markdown(JournalStats stats, BundleInfo info, Environment env, boolean withPng) {
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(env, "env");
        StringBuilder md = new StringBuilder(4096);
        environment(md, stats, info, env);
        if (stats.client().isPresent()) {
            ClientSummary.client(md, stats.client().get());
            scenario(md, stats, info);
            ClientSummary.outages(md, stats, stats.client().get(), info);
            ClientSummary.connections(md, stats, stats.client().get());
            ClientSummary.rpc(md, stats.client().get());
        } else {
            scenario(md, stats, info);
            outages(md, stats, info);
            link(md, stats, info);
        }
        verdicts(md, stats);
        md.append("\nTimeline: `timeline.svg` (opens in any browser)")
                .append(withPng ? " and `timeline.png`" : "")
                .append("; raw events: `journal.jsonl`; hashes: `manifest.json`.\n");
        return md.toString();
    }

    private static void environment(StringBuilder md, JournalStats stats, BundleInfo info, Environment env) {
        md.append("### Environment\n\n| | |\n|---|---|\n");
        row(md, "Clawscope", env.clawscopeVersion());
        row(md, "Java", env.java());
        row(md, "OS", env.os());
        info.source().ifPresent(source -> row(md, "Source", source.displayName() + " (" + source.kind().wire() + ")"));
        row(md, "Gateway", stats.serverVersion().map(v -> v + " (from hello-ok)")
                .orElse(LinkCounts.of(stats, info).unknownGateway()));
    }

    private static void scenario(StringBuilder md, JournalStats stats, BundleInfo info) {
        md.append("\n### Scenario\n\n**").append(cell(info.scenario())).append("** against ")
                .append(code(info.gatewayUrl()));
        if (stats.startTs().isPresent()) {
            md.append(", ").append(stats.startTs().get()).append(" to ").append(stats.endTs().orElseThrow())
                    .append(" (").append(Durations.seconds(stats.spanMs())).append(')');
        }
        md.append(".\n");
        if (info.droppedEntries() > 0) {
            dropped(md, stats, info);
        }
        if (!info.settings().isEmpty()) {
            md.append("\n| setting | value |\n|---|---|\n");
            info.settings().forEach((k, v) -> row(md, code(k), v));
        }
    }

    /** Says that the journal is incomplete: how many entries are missing and what the rest covers. */
    private static void dropped(StringBuilder md, JournalStats stats, BundleInfo info) {
        long n = info.droppedEntries();
        md.append("\n**Incomplete journal:** its ring dropped the oldest ").append(n)
                .append(n == 1 ? " entry" : " entries").append(", so the first ").append(n)
                .append(" of the run are missing");
        if (stats.startTs().isPresent()) {
            md.append("; the kept journal covers seq ").append(stats.firstSeq()).append(" to ")
                    .append(stats.lastSeq()).append(" (").append(stats.startTs().get()).append(" to ")
                    .append(stats.endTs().orElseThrow()).append(", ").append(Durations.seconds(stats.spanMs()))
                    .append(')');
        }
        md.append(". Outages, connected time, RTT, delays and verdicts cover the kept span only");
        md.append(info.history().isPresent()
                ? "; connect attempts and hello-ok come from the link's own record of the whole run.\n"
                : "; so do connect attempts and hello-ok.\n");
    }

    private static void outages(StringBuilder md, JournalStats stats, BundleInfo info) {
        md.append("\n### Outages\n\n");
        if (stats.outages().isEmpty()) {
            md.append(info.droppedEntries() > 0 ? "None in the kept journal.\n"
                    : "None: the link never dropped after connecting.\n");
            return;
        }
        md.append("| # | down at | cause | detected after | recovered after | attempts |\n")
                .append("|---|---|---|---|---|---|\n");
        int n = 1;
        for (Outage o : stats.outages()) {
            md.append("| ").append(n++)
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", (o.startMs() - stats.startMs()) / 1000))
                    .append(" | ").append(cell(o.cause()))
                    .append(" | ").append(o.detectedAfterMs().stream().mapToObj(ms -> Durations.seconds(ms))
                            .findFirst().orElse("at close"))
                    .append(" | ").append(o.recoveredAfterMs().stream().mapToObj(Durations::seconds)
                            .findFirst().orElse("not recovered"))
                    .append(" | ").append(o.attempts()).append(" |\n");
        }
    }

    private static void link(StringBuilder md, JournalStats stats, BundleInfo info) {
        LinkCounts counts = LinkCounts.of(stats, info);
        md.append("\n### Link\n\n");
        md.append(String.format(Locale.ROOT, "- connected: %.1f %% of %s%n", stats.connectedPercent(),
                Durations.seconds(stats.spanMs())));
        md.append("- reconnects scheduled: ").append(stats.reconnectCount())
                .append(" (connect attempts: ").append(counts.connectAttempts()).append(")\n");
        md.append("- hello-ok: ").append(counts.helloOkLine()).append('\n');
        info.history().filter(h -> h.pauseReason() != null).ifPresent(h -> md
                .append("- paused since the last hello-ok: ").append(inline(h.pauseReason()))
                .append(h.pauseDetail() == null ? "" : " (" + inline(h.pauseDetail()) + ")").append('\n'));
        md.append("- backoff delays seen: ").append(delays(stats.backoffDelaysMs())).append('\n');
        md.append("\n| heartbeat RTT | samples | p50 | p95 | max |\n|---|---|---|---|---|\n");
        rtt(md, "ws pong", stats.pongRtt());
        rtt(md, "probe", stats.probeRtt());
        rtt(md, "all", stats.heartbeatRtt());
    }

    static String delays(List<Long> delays) {
        if (delays.isEmpty()) {
            return "none";
        }
        String listed = delays.stream().limit(DELAYS_LISTED).map(Durations::seconds).collect(Collectors.joining(", "));
        return delays.size() > DELAYS_LISTED ? listed + ", \u2026 (" + (delays.size() - DELAYS_LISTED) + " more)" : listed;
    }

    static void rtt(StringBuilder md, String source, RttStats rtt) {
        if (rtt.isEmpty()) {
            md.append("| ").append(source).append(" | 0 | \u2013 | \u2013 | \u2013 |\n");
        } else {
            md.append("| ").append(source).append(" | ").append(rtt.count())
                    .append(" | ").append(Durations.millis(rtt.p50()))
                    .append(" | ").append(Durations.millis(rtt.p95()))
                    .append(" | ").append(Durations.millis(rtt.max())).append(" |\n");
        }
    }

    private static void verdicts(StringBuilder md, JournalStats stats) {
        md.append("\n### Verdict\n\n");
        Map<Verdict.Outcome, String> marks = Map.of(Verdict.Outcome.PASS, "\u2705", Verdict.Outcome.FAIL, "\u274c",
                Verdict.Outcome.NOTE, "\u2139\ufe0f");
        for (Verdict v : Verdict.of(stats)) {
            md.append("- ").append(marks.get(v.outcome())).append(' ').append(inline(v.text())).append('\n');
        }
    }

    static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    /** Text safe inside a table cell: one line, pipes escaped. */
    static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    static String inline(String text) {
        return text.replace("\\", "\\\\").replaceAll("[\\r\\n]+", " ");
    }

    /** A code span that survives backticks inside. */
    static String code(String text) {
        String one = text.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
        return one.contains("`") ? "`` " + one + " ``" : "`" + one + "`";
    }
}
