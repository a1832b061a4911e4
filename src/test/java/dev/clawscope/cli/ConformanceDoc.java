package dev.clawscope.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed conformance reports: {@code docs/conformance/<client>.md} per graded client, and
 * the summary table of every graded client in the README between its markers. Each report starts
 * with one machine-readable line the summary is built from.
 */
final class ConformanceDoc {

    static final Path DOCS = Path.of("docs", "conformance");
    static final Path README = Path.of("README.md");
    static final String START = "<!-- conformance-summary:start -->";
    static final String END = "<!-- conformance-summary:end -->";
    private static final Pattern SUMMARY = Pattern.compile(
            "<!-- conformance: name=(.*?) \\| version=(.*?) \\| passed=(\\d+) \\| failed=(\\d+) \\| skipped=(\\d+)"
                    + " \\| failing=(.*?) -->");

    /** A graded client as the report names it. */
    record Graded(String file, String name, String version, Map<String, String> versions, String command,
            String howToRun, List<String> notes) {
    }

    private ConformanceDoc() {
    }

    /** Writes {@code docs/conformance/<file>.md} from the run's report and refreshes the README summary. */
    static Path write(Graded graded, GradeRun run) throws IOException {
        JsonObject report = run.report();
        Map<String, JsonObject> checks = run.checks();
        long passed = count(checks, "pass");
        long failed = count(checks, "fail");
        long skipped = count(checks, "skip");
        List<String> failing = checks.values().stream().filter(c -> "fail".equals(c.get("verdict").getAsString()))
                .map(c -> c.get("id").getAsString()).toList();
        StringBuilder md = new StringBuilder();
        md.append("<!-- conformance: name=").append(graded.name()).append(" | version=").append(graded.version())
                .append(" | passed=").append(passed).append(" | failed=").append(failed).append(" | skipped=")
                .append(skipped).append(" | failing=").append(String.join(", ", failing)).append(" -->\n");
        md.append("# Conformance: ").append(graded.name()).append(' ').append(graded.version()).append("\n\n");
        md.append("Graded by `clawscope grade` (Clawscope ").append(report.get("clawscope_version").getAsString())
                .append(") on ").append(LocalDate.now(ZoneOffset.UTC)).append(", every check at its default threshold,")
                .append(" against the embedded simulator advertising the methods of the OpenClaw gateway 2026.9.6.")
                .append(" A failing check is a finding about the client, reported as measured.\n\n");
        md.append("| graded | version |\n|---|---|\n");
        graded.versions().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nClient command, as `clawscope grade --client` ran it:\n\n```\n").append(graded.command())
                .append("\n```\n\n");
        md.append("Result: ").append(passed).append(" passed, ").append(failed).append(" failed, ").append(skipped)
                .append(" skipped.\n\n");
        md.append("| check | verdict | measured | threshold | reason |\n|---|---|---|---|---|\n");
        for (JsonObject c : checks.values()) {
            md.append("| `").append(c.get("id").getAsString()).append("` | ").append(c.get("verdict").getAsString())
                    .append(" | ").append(cell(c, "measured")).append(" | ").append(cell(c, "threshold"))
                    .append(" | ").append(cell(c, "detail")).append(" |\n");
        }
        if (!graded.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            graded.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        md.append("\nTo grade it again: ").append(graded.howToRun()).append("\n");
        Files.createDirectories(DOCS);
        Path file = DOCS.resolve(graded.file() + ".md");
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        refreshReadme();
        return file;
    }

    /** Rewrites the table between the README's markers from every report in {@code docs/conformance/}. */
    static void refreshReadme() throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                Matcher m = SUMMARY.matcher(first);
                if (m.matches()) {
                    rows.add("| " + m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " | " + m.group(4) + " | "
                            + m.group(5) + " | " + (m.group(6).isEmpty() ? "none" : m.group(6)) + " | [report]("
                            + DOCS.resolve(file.getFileName()).toString().replace('\\', '/') + ") |");
                }
            }
        }
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md has no " + START + " … " + END + " markers");
        }
        String table = "\n| client | version | passed | failed | skipped | failing checks | report |\n"
                + "|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.writeString(README, readme.substring(0, start + START.length()) + table + readme.substring(end),
                StandardCharsets.UTF_8);
    }

    private static long count(Map<String, JsonObject> checks, String verdict) {
        return checks.values().stream().filter(c -> verdict.equals(c.get("verdict").getAsString())).count();
    }

    private static String cell(JsonObject c, String key) {
        return c.get(key).getAsString().replace("|", "\\|").replace("\n", " ");
    }
}
