package dev.clawscope.cli;

import dev.clawscope.Version;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clawscope} command line: headless commands, or the desktop window when none is given. */
@Command(name = "clawscope",
        mixinStandardHelpOptions = true,
        versionProvider = ClawscopeCommand.VersionProvider.class,
        sortOptions = false,
        subcommands = {ProbeCommand.class, ScenarioCommand.class, SimCommand.class, ProxyCommand.class,
            ObserveCommand.class, RedactCommand.class, GradeCommand.class},
        description = {
            "Keeps a hardened link to an OpenClaw gateway, shows every heartbeat,",
            "reconnect and disposal on a live timeline, and exports redacted proof",
            "of the link's behaviour.",
            "",
            "Without a command, Clawscope opens its window."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure",
            "2:usage error (bad command or option)"
        })
public final class ClawscopeCommand implements Callable<Integer> {

    private final IntSupplier desktop;

    @picocli.CommandLine.Option(names = "--tray",
            description = "Open the window minimized to the system tray (shown anyway where there is no tray).")
    boolean tray;

    ClawscopeCommand(IntSupplier desktop) {
        this.desktop = Objects.requireNonNull(desktop, "desktop");
    }

    @Override
    public Integer call() {
        if (tray) {
            System.setProperty("clawscope.tray", "true");
        }
        return desktop.getAsInt();
    }

    /**
     * Parses {@code args}, runs the chosen command and returns its exit code.
     *
     * @param desktop opens the window when no command is given and returns its exit code
     */
    public static int run(String[] args, IntSupplier desktop) {
        return run(args, desktop, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    static int run(String[] args, IntSupplier desktop, PrintWriter out, PrintWriter err) {
        return run(args, desktop, CommandLine.defaultFactory(), out, err);
    }

    /** Like {@link #run(String[], IntSupplier)}; {@code factory} creates the subcommands, e.g. with test input. */
    static int run(String[] args, IntSupplier desktop, CommandLine.IFactory factory, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ClawscopeCommand(desktop), factory);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** Reports the build's version together with the Java runtime it runs on. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "clawscope " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            };
        }
    }
}
