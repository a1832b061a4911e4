package dev.clawscope.proof;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The sections of {@code summary.md} about an observed client, in place of the link's. */
final class ClientSummary {

    /** Rows of the method table; more are counted. */
    private static final int METHODS_LISTED = 50;
    /** Identities listed when the client said hello as several; more are counted. */
    private static final int IDENTITIES_LISTED = 10;
    /** Scopes listed; more are counted. */
    private static final int SCOPES_LISTED = 20;

    private ClientSummary() {
    }

    /** Who the client said it was in its {@code connect} requests. */
    static void client(StringBuilder md, ClientStats client) {
        md.append("\n### Observed client\n\n");
        List<ClientStats.Identity> ids = client.identities();
        if (ids.isEmpty()) {
            md.append("It sent no `connect` request in the kept journal.\n");
            return;
        }
        if (ids.size() == 1) {
            ClientStats.Identity id = ids.get(0);
            md.append("| | |\n|---|---|\n");
            SummaryWriter.row(md, "client id", or(id.clientId()));
            SummaryWriter.row(md, "version", or(id.clientVersion()));
            SummaryWriter.row(md, "platform", or(id.platform()));
            SummaryWriter.row(md, "mode", or(id.mode()));
            SummaryWriter.row(md, "role", or(id.role()));
            SummaryWriter.row(md, "scopes", scopes(id.scopes()));
            SummaryWriter.row(md, "auth", id.auth());
            if (id.deviceId() != null) {
                SummaryWriter.row(md, "device", id.deviceId());
            }
            return;
        }
        md.append("It said hello as ").append(ids.size()).append(" different clients:\n\n")
                .append("| client id | version | platform | mode | role | auth | device | hellos |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (ClientStats.Identity id : ids.subList(0, Math.min(ids.size(), IDENTITIES_LISTED))) {
            md.append("| ").append(SummaryWriter.cell(or(id.clientId())))
                    .append(" | ").append(SummaryWriter.cell(or(id.clientVersion())))
                    .append(" | ").append(SummaryWriter.cell(or(id.platform())))
                    .append(" | ").append(SummaryWriter.cell(or(id.mode())))
                    .append(" | ").append(SummaryWriter.cell(or(id.role())))
                    .append(" | ").append(SummaryWriter.cell(id.auth()))
                    .append(" | ").append(SummaryWriter.cell(or(id.deviceId())))
                    .append(" | ").append(id.hellos()).append(" |\n");
        }
        if (ids.size() > IDENTITIES_LISTED) {
            md.append("\nand ").append(ids.size() - IDENTITIES_LISTED).append(" more.\n");
        }
    }

    /** Per outage: the fault, when the client noticed, when it was back, the connects in between. */
    static void outages(StringBuilder md, JournalStats stats, ClientStats client, BundleInfo info) {
        md.append("\n### Outages\n\n");
        if (client.outages().isEmpty()) {
            md.append(info.droppedEntries() > 0 ? "None in the kept journal.\n"
                    : "None: no connection of the client dropped after its hello-ok.\n");
            return;
        }
        md.append("| # | at | fault | client noticed after | first sign | back (hello-ok) after | connects |\n")
                .append("|---|---|---|---|---|---|---|\n");
        int n = 1;
        for (ClientStats.ClientOutage o : client.outages()) {
            md.append("| ").append(n++)
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", (o.faultMs() - stats.startMs()) / 1000))
                    .append(" | ").append(SummaryWriter.cell(o.fault().orElse("none")))
                    .append(" | ").append(o.noticed() ? Durations.seconds(o.noticedAfterMs().getAsDouble())
                            : "not within " + Durations.seconds(o.watchedMs()))
                    .append(" | ").append(SummaryWriter.cell(o.how()))
                    .append(" | ").append(o.backAfterMs().stream().mapToObj(Durations::seconds).findFirst()
                            .orElse(o.noticed() ? "not back" : "\u2013"))
                    .append(" | ").append(o.noticed() ? String.valueOf(o.connects()) : "\u2013").append(" |\n");
        }
        md.append("\n*Noticed after*: from the fault to the first sign that the client's last open connection "
                + "ends (a close frame from either side, or the end of the connection); without a fault, the "
                + "connection simply dropped. *Back after*: from that sign to its next hello-ok. *Connects*: the "
                + "connections it opened in between.\n");
    }

    /** Connections, the gaps the client chose between them, and who pinged whom. */
    static void connections(StringBuilder md, JournalStats stats, ClientStats client) {
        md.append("\n### Connections\n\n");
        md.append("- connections opened: ").append(client.connections()).append(" (hello-ok on ")
                .append(client.helloOks()).append(")\n");
        md.append(String.format(Locale.ROOT, "- connected: %.1f %% of %s%n", stats.clientConnectedPercent(),
                Durations.seconds(stats.spanMs())));
        md.append("- reconnect gaps it chose: ").append(SummaryWriter.delays(client.reconnectGapsMs())).append('\n');
        md.append("- who pinged whom: the client sent ").append(times(client.clientPings(), "ws ping"))
                .append(median(client.serverPongRtt(), "the server's pongs"))
                .append("; the server sent ").append(times(client.serverPings(), "ws ping"))
                .append(median(client.clientPongRtt(), "the client's pongs")).append('\n');
        md.append("- tick events from the server: ").append(client.ticks()).append('\n');
        if (client.droppedPongs() > 0) {
            md.append("- pongs dropped by the observer (drop-pongs): ").append(client.droppedPongs()).append('\n');
        }
        md.append("\n| pong RTT at the observer | samples | p50 | p95 | max |\n|---|---|---|---|---|\n");
        SummaryWriter.rtt(md, "server's pongs to the client's pings", client.serverPongRtt());
        SummaryWriter.rtt(md, "client's pongs to the server's pings", client.clientPongRtt());
    }

    /** Every method the client called, most called first. */
    static void rpc(StringBuilder md, ClientStats client) {
        md.append("\n### RPC\n\n");
        List<ClientStats.MethodCalls> methods = client.methods().stream()
                .sorted(Comparator.comparingInt(ClientStats.MethodCalls::calls).reversed()
                        .thenComparing(ClientStats.MethodCalls::method))
                .toList();
        if (methods.isEmpty()) {
            md.append("It called no method.\n");
            return;
        }
        Function<String, String> advertised = client.advertised()
                .<Function<String, String>>map(list -> m -> list.contains(m) ? "yes" : "**no**")
                .orElse(m -> "\u2013");
        md.append("| method | calls | ok | failed | p50 RTT | advertised |\n|---|---|---|---|---|---|\n");
        for (ClientStats.MethodCalls m : methods.subList(0, Math.min(methods.size(), METHODS_LISTED))) {
            md.append("| ").append(SummaryWriter.code(m.method()))
                    .append(" | ").append(m.calls())
                    .append(" | ").append(m.ok())
                    .append(" | ").append(m.failed())
                    .append(" | ").append(m.rtt().isEmpty() ? "\u2013" : Durations.millis(m.rtt().p50()))
                    .append(" | ").append(advertised.apply(m.method())).append(" |\n");
        }
        if (methods.size() > METHODS_LISTED) {
            md.append("\nand ").append(methods.size() - METHODS_LISTED).append(" more methods.\n");
        }
    }

    /** The scopes it asked for; a client may send thousands, so the first {@link #SCOPES_LISTED} and a count. */
    private static String scopes(List<String> scopes) {
        if (scopes == null) {
            return "\u2013";
        }
        String listed = String.join(", ", scopes.subList(0, Math.min(scopes.size(), SCOPES_LISTED)));
        return scopes.size() > SCOPES_LISTED ? listed + ", \u2026 (" + (scopes.size() - SCOPES_LISTED) + " more)"
                : listed;
    }

    private static String times(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String median(RttStats rtt, String whose) {
        return rtt.isEmpty() ? "" : " (" + whose + ": median RTT " + Durations.millis(rtt.p50()) + ")";
    }

    private static String or(String value) {
        return value == null ? "\u2013" : value;
    }
}
