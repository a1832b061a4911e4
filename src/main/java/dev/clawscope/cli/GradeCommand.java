package dev.clawscope.cli;

import dev.clawscope.Version;
import dev.clawscope.grade.CheckId;
import dev.clawscope.grade.CheckResult;
import dev.clawscope.grade.ClientCommand;
import dev.clawscope.grade.GradeReport;
import dev.clawscope.grade.Grader;
import dev.clawscope.grade.Threshold;
import dev.clawscope.grade.Verdict;
import dev.clawscope.proof.ProofBundleWriter;
import dev.clawscope.render.AwtPngRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clawscope grade}: the lifecycle conformance suite for any OpenClaw client. */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Grades an OpenClaw client's lifecycle: runs COMMAND once per check",
            "(sh -c; cmd /c on Windows) against an embedded simulator behind the",
            "observer, injects the check's fault and judges what the client did.",
            "{url}, {token}, {host} and {port} in COMMAND are replaced; CLAWSCOPE_URL",
            "and CLAWSCOPE_TOKEN hold the same. Writes DIR/report.json, DIR/report.md",
            "and, per check, a redacted proof bundle and client.log in DIR/<check>/.",
            "--list shows every check, what it does and its default threshold."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  PROBE='java -jar clawscope.jar probe --duration 0 --token-env CLAWSCOPE_TOKEN'",
            "  clawscope grade --client \"$PROBE --url {url}\" --out grade-probe"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check passed (an informational check may have failed)",
            "1:a check failed, or the report could not be written",
            "2:usage error, or the client never connected in any check"
        })
final class GradeCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_NEVER_CONNECTED = 2;

    @Option(names = "--client", paramLabel = "COMMAND",
            description = "The command that starts the client under test, e.g. 'my-client --url {url}'.")
    String client;

    @Option(names = "--checks", paramLabel = "ID", split = ",",
            description = "The checks to run, comma-separated (default: all).")
    List<String> checks;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "" + Grader.DEFAULT_INSTANCES,
            description = "Copies started by jittered_reconnects, 2 to 64 (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--threshold", paramLabel = "ID=VALUE",
            description = "Replaces a check's threshold: a time (500ms, 4.75s, 2m; a bare number is seconds) or a"
                    + " count, as --list shows; repeatable.")
    Map<String, String> thresholds;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "clawscope-grade",
            description = "Folder for the reports, bundles and client logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + Grader.DEFAULT_PARALLEL,
            description = "Checks run side by side, each with its own simulator, 1 to 16 (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--list", description = "Print the checks with what they do and their default thresholds, then exit.")
    boolean list;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (list) {
            printList(stdout);
            return 0;
        }
        Grader.Settings settings = settings();
        stdout.printf(Locale.ROOT, "grading with %d %s, %d at a time; reports into %s%n", settings.checks().size(),
                settings.checks().size() == 1 ? "check" : "checks", Math.min(parallel, settings.checks().size()),
                out.toAbsolutePath());
        stdout.flush();
        GradeReport report;
        try {
            report = new Grader(settings).run(new Progress(stdout));
            report.write(out);
        } catch (IOException e) {
            stderr.println("error: " + e.getMessage());
            return EXIT_FAILED;
        }
        stdout.printf(Locale.ROOT, "%d %s in %s: %d passed, %d failed, %d skipped; report: %s%n",
                report.checks().size(), report.checks().size() == 1 ? "check" : "checks",
                human(report.wallTime()), report.count(Verdict.PASS), report.count(Verdict.FAIL),
                report.count(Verdict.SKIP), out.resolve(GradeReport.MARKDOWN).toAbsolutePath());
        stdout.flush();
        if (!report.everConnected()) {
            stderr.println("the client never connected in any check: make COMMAND connect to {url} (or $"
                    + ClientCommand.URL_VARIABLE + ") with {token} (or $" + ClientCommand.TOKEN_VARIABLE + ")");
            return EXIT_NEVER_CONNECTED;
        }
        return report.failed() ? EXIT_FAILED : 0;
    }

    private Grader.Settings settings() {
        if (client == null || client.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--client COMMAND is required (or --list)");
        }
        List<CheckId> chosen = new ArrayList<>();
        if (checks == null || checks.isEmpty()) {
            chosen.addAll(Arrays.asList(CheckId.values()));
        } else {
            for (String id : checks) {
                chosen.add(CheckId.byId(id.strip()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "--checks: unknown check '" + id.strip() + "'; the checks are " + ids())));
            }
        }
        Map<CheckId, Threshold> chosenThresholds = new EnumMap<>(CheckId.class);
        if (thresholds != null) {
            for (Map.Entry<String, String> e : thresholds.entrySet()) {
                CheckId id = CheckId.byId(e.getKey().strip()).orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--threshold: unknown check '" + e.getKey() + "'; the checks are " + ids()));
                try {
                    chosenThresholds.put(id, id.defaultThreshold().parseLike(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new ParameterException(spec.commandLine(), "--threshold " + id + ": " + ex.getMessage());
                }
            }
        }
        if (instances < 2 || instances > 64) {
            throw new ParameterException(spec.commandLine(), "--instances must be 2 to 64, was " + instances);
        }
        if (parallel < 1 || parallel > 16) {
            throw new ParameterException(spec.commandLine(), "--parallel must be 1 to 16, was " + parallel);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out: " + out + " exists and is not a folder");
        }
        ProofBundleWriter writer = new ProofBundleWriter(new AwtPngRenderer())
                .withOverwrite(ProofBundleWriter.Overwrite.REPLACE_BUNDLE_FILES);
        return new Grader.Settings(new ClientCommand(client), chosen, instances, chosenThresholds, out, writer,
                Version.get(), parallel);
    }

    private static String ids() {
        return Arrays.stream(CheckId.values()).map(CheckId::id).collect(Collectors.joining(", "));
    }

    static void printList(PrintWriter stdout) {
        for (CheckId id : CheckId.values()) {
            stdout.printf(Locale.ROOT, "%-28s default threshold %s%s%n", id.id(), id.defaultThreshold(),
                    id.informational() ? " (informational)" : "");
            stdout.println("    does:      " + id.does());
            stdout.println("    pass when: " + id.passWhen(id.defaultThreshold()));
        }
        stdout.flush();
    }

    static String human(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    /** One console line per check as it starts and as it finishes. */
    private static final class Progress implements Grader.Progress {
        private final PrintWriter out;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void started(CheckId id) {
            out.printf(Locale.ROOT, "  run   %s%n", id.id());
            out.flush();
        }

        @Override
        public synchronized void finished(CheckResult result, Duration took) {
            out.printf(Locale.ROOT, "  %-5s %-28s %s (%s)%n", result.verdict().wire(), result.id().id(),
                    result.measured(), human(took));
            out.flush();
        }

        @Override
        public synchronized void note(CheckId id, String text) {
            out.printf(Locale.ROOT, "  note  %-28s %s%n", id.id(), text);
            out.flush();
        }
    }
}
