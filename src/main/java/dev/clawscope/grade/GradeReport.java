package dev.clawscope.grade;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What a grading run found: {@code report.json} for machines, {@code report.md} for a pull request.
 *
 * @param client    the client command as given (redacted)
 * @param version   Clawscope's version
 * @param started   when the run started
 * @param wallTime  how long the run took
 * @param checks    one result per chosen check, in the order of {@link CheckId}
 * @param instances copies started by {@code jittered_reconnects}
 */
public record GradeReport(String client, String version, Instant started, Duration wallTime, List<CheckResult> checks,
        int instances) {

    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";

    public GradeReport {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(version, "version");
        started = started.truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(wallTime, "wallTime");
        checks = List.copyOf(checks);
    }

    /** Whether any check that counts failed. */
    public boolean failed() {
        return checks.stream().anyMatch(CheckResult::failsTheRun);
    }

    /** Whether the client opened a connection in at least one check. */
    public boolean everConnected() {
        return checks.stream().anyMatch(CheckResult::connected);
    }

    public long count(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }

    /**
     * {@code {"client": "...", "clawscope_version": "...", "started": "...", "checks": [{"id": "...",
     * "verdict": "pass"|"fail"|"skip", "measured": "...", "threshold": "...", "detail": "..."}]}}.
     */
    public String json() {
        JsonObject root = new JsonObject();
        root.addProperty("client", client);
        root.addProperty("clawscope_version", version);
        root.addProperty("started", started.toString());
        JsonArray list = new JsonArray();
        for (CheckResult c : checks) {
            JsonObject o = new JsonObject();
            o.addProperty("id", c.id().id());
            o.addProperty("verdict", c.verdict().wire());
            o.addProperty("measured", c.measured());
            o.addProperty("threshold", c.threshold());
            o.addProperty("detail", c.detail());
            list.add(o);
        }
        root.add("checks", list);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /** The table a person reads in a pull request, with what each check did below it. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Clawscope grade\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| client | `").append(cell(client).replace("`", "'")).append("` |\n");
        md.append("| Clawscope | ").append(cell(version)).append(" |\n");
        md.append("| started | ").append(started).append(" |\n");
        md.append("| took | ").append(Threshold.time(wallTime.toMillis())).append(" |\n");
        md.append("| result | ").append(count(Verdict.PASS)).append(" passed, ").append(count(Verdict.FAIL))
                .append(" failed, ").append(count(Verdict.SKIP)).append(" skipped |\n\n");
        md.append("| check | verdict | measured | threshold | reason |\n|---|---|---|---|---|\n");
        for (CheckResult c : checks) {
            md.append("| `").append(c.id().id()).append("` | ").append(verdict(c)).append(" | ")
                    .append(cell(c.measured())).append(" | ").append(cell(c.threshold())).append(" | ")
                    .append(cell(c.detail())).append(" |\n");
        }
        md.append("\n## What each check did\n\n");
        for (CheckResult c : checks) {
            md.append("- `").append(c.id().id()).append("`: ").append(c.id().does())
                    .append(c.id() == CheckId.JITTERED_RECONNECTS ? " (" + instances + " copies)" : "")
                    .append(". Evidence: `").append(c.id().id()).append("/`.\n");
        }
        return md.toString();
    }

    private static String verdict(CheckResult c) {
        String word = c.verdict().wire();
        return c.id().informational() && c.verdict() == Verdict.FAIL ? word + " (informational)" : word;
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Writes {@code report.json} and {@code report.md} into {@code dir}, each replaced whole. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        replace(dir.resolve(JSON), json());
        replace(dir.resolve(MARKDOWN), markdown());
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
