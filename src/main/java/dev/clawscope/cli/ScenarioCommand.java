package dev.clawscope.cli;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import dev.clawscope.scenario.BuiltInScenarios;
import dev.clawscope.scenario.GatewayTarget;
import dev.clawscope.scenario.Scenario;
import dev.clawscope.scenario.ScenarioFormatException;
import dev.clawscope.scenario.ScenarioListener;
import dev.clawscope.proof.ProofBundle;
import dev.clawscope.scenario.ScenarioOutput;
import dev.clawscope.render.AwtPngRenderer;
import dev.clawscope.scenario.ScenarioParser;
import dev.clawscope.scenario.ScenarioResult;
import dev.clawscope.scenario.ScenarioRunner;
import dev.clawscope.scenario.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clawscope scenario}: run a scripted fault scenario and check the link's journal. */
@Command(name = "scenario",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a fault scenario in real time: a link connects through a fault proxy to an embedded simulator "
                    + "(or a ws:// gateway), faults are injected, and the journal is checked.",
            "NAME is a built-in scenario (see --list), FILE a scenario in JSON.",
            "Scenarios that drive the simulator (kill, freeze, restart...) only run with --gateway sim."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check held",
            "1:a check failed (printed), or the run could not start",
            "2:usage error (unknown scenario, bad file, bad option)"
        })
final class ScenarioCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME|FILE", description = "A built-in scenario name or a JSON file.")
    String scenarioName;

    @Option(names = "--gateway", paramLabel = "sim|URL", defaultValue = "sim",
            description = "sim for an embedded simulator, or a ws:// gateway URL (default: ${DEFAULT-VALUE}).")
    String gateway;

    @ArgGroup(exclusive = true)
    GatewayTokenOptions token;

    @Option(names = "--out", paramLabel = "DIR", description = "Write journal.jsonl into this folder.")
    Path out;

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    @Spec
    CommandSpec spec;

    private final Function<String, String> environment;

    ScenarioCommand() {
        this(System::getenv);
    }

    ScenarioCommand(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    private static String gatewayLabel(GatewayTarget target) {
        return target instanceof GatewayTarget.Remote remote ? remote.address().display() : "embedded simulator";
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (list) {
            for (Scenario s : BuiltInScenarios.all()) {
                stdout.printf(Locale.ROOT, "%-20s %s%n", s.name(), s.description());
            }
            stdout.flush();
            return 0;
        }
        if (scenarioName == null) {
            throw new ParameterException(spec.commandLine(), "name a scenario (NAME or FILE), or use --list");
        }
        Scenario scenario = scenario();
        GatewayTarget target = target();
        if (target instanceof GatewayTarget.Remote && scenario.needsSimulator()) {
            throw new ParameterException(spec.commandLine(), "scenario " + scenario.name()
                    + " drives the simulator and needs --gateway sim");
        }
        Printer printer = new Printer(stdout);
        stdout.println("scenario " + scenario.name() + ": " + scenario.description());
        ScenarioResult result;
        try {
            result = new ScenarioRunner().run(scenario, target, printer);
        } catch (IOException e) {
            stderr.println("error: the scenario could not start: " + e.getMessage());
            return 1;
        }
        printer.finish(result);
        if (out != null) {
            try {
                ProofBundle bundle = ScenarioOutput.write(out, result, gatewayLabel(target), new AwtPngRenderer());
                stdout.println("proof bundle written to " + bundle.dir());
            } catch (IOException | RuntimeException e) {
                stderr.println("error: cannot write to " + out + ": " + e.getMessage());
                return 1;
            }
        }
        stdout.flush();
        return result.passed() ? 0 : 1;
    }

    private Scenario scenario() {
        Optional<Scenario> builtIn = BuiltInScenarios.find(scenarioName);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Path file = Path.of(scenarioName);
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no built-in scenario or file named '" + scenarioName
                    + "'; built-in scenarios: " + String.join(", ", BuiltInScenarios.NAMES));
        }
        try {
            return ScenarioParser.parse(file);
        } catch (ScenarioFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private GatewayTarget target() {
        if (gateway.equalsIgnoreCase("sim")) {
            if (token != null) {
                throw new ParameterException(spec.commandLine(), "--token-env and --token-file go with a gateway URL");
            }
            return GatewayTarget.simulator();
        }
        try {
            return GatewayTarget.remote(GatewayAddress.parse(gateway, false), readToken());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--gateway: " + e.getMessage());
        }
    }

    private Secret readToken() {
        return GatewayTokenOptions.read(token, spec.commandLine(), environment);
    }

    /** Live lines: one per journal entry, and a progress line as each step begins. */
    private static final class Printer implements ScenarioListener {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void onStep(int index, int count, Step step, Duration elapsed, Duration budget) {
            out.println(String.format(Locale.ROOT, "== [%5.1f s / max %.1f s] step %d/%d: %s", seconds(elapsed),
                    seconds(budget), index, count, step.text()));
            out.flush();
        }

        @Override
        public synchronized void onEntry(JournalEntry entry) {
            out.println(EventLine.format(entry));
            out.flush();
        }

        @Override
        public synchronized void onNote(String note) {
            out.println("-- " + note);
            out.flush();
        }

        synchronized void finish(ScenarioResult result) {
            String took = String.format(Locale.ROOT, "%.1f s", seconds(result.elapsed()));
            if (result.passed()) {
                out.println("PASSED " + result.scenario().name() + " in " + took + " (" + result.steps().size()
                        + " steps)");
            } else {
                out.println("FAILED " + result.scenario().name() + " after " + took + ": " + result.failure().get());
            }
            out.flush();
        }

        private static double seconds(Duration d) {
            return d.toMillis() / 1000.0;
        }
    }
}
