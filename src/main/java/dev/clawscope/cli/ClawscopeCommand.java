package dev.clawscope.cli;

import dev.clawscope.Version;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.observe.ObserveRoute;
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
            ObserveCommand.class, RedactCommand.class, GradeCommand.class, WatchCommand.class},
        description = {
            "Keeps a hardened link to an OpenClaw gateway, shows every heartbeat,",
            "reconnect and disposal on a live timeline, and exports redacted proof",
            "of the link's behaviour.",
            "",
            "Without a command, Clawscope opens its window.",
            "With --observe it shows another OpenClaw client instead, relayed",
            "on loopback to a gateway or to the embedded simulator, e.g.",
            "  clawscope --observe 127.0.0.1:18790=sim"
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

    /** The system property that hands the window the {@code --observe} route, as {@link ObserveRoute#parse} reads it. */
    public static final String OBSERVE_PROPERTY = "clawscope.observe";

    @picocli.CommandLine.Option(names = "--observe", paramLabel = "LISTEN=TARGET", converter = RouteConverter.class,
            description = {"Open the window on another OpenClaw client instead of Clawscope's own link: the client "
                    + "connects to LISTEN (a loopback HOST:PORT only) and is relayed to TARGET, a gateway's "
                    + "ws://HOST:PORT or sim for the embedded simulator, whose token the window shows. "
                    + "E.g. 127.0.0.1:18790=ws://127.0.0.1:18789."})
    ObserveRoute observe;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    ClawscopeCommand(IntSupplier desktop) {
        this.desktop = Objects.requireNonNull(desktop, "desktop");
    }

    @Override
    public Integer call() {
        if (tray) {
            System.setProperty("clawscope.tray", "true");
        }
        if (observe != null) {
            if (observe.gateway().map(GatewayAddress::secure).orElse(false)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--observe: the window relays "
                        + "to a ws:// gateway or sim; observe a wss:// gateway with clawscope observe");
            }
            System.setProperty(OBSERVE_PROPERTY, observe.toString());
        }
        return desktop.getAsInt();
    }

    /**
     * Parses {@code args}, runs the chosen command and returns its exit code.
     *
     * @param desktop opens the window when no command is given and returns its exit code
     */
    public static int run(String[] args, IntSupplier desktop) {
        if (opensTheWindowAsItIs(args)) {
            // What the desktop and its autostart entry run: no command model to build (every
            // subcommand's options, by reflection) before the window can start.
            if (args.length == 1) {
                System.setProperty("clawscope.tray", "true");
            }
            return desktop.getAsInt();
        }
        return run(args, desktop, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** No arguments, or only {@code --tray}: the window, with nothing to parse. */
    public static boolean opensTheWindowAsItIs(String[] args) {
        return args.length == 0 || args.length == 1 && "--tray".equals(args[0]);
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

    /** Reads {@code --observe}: loopback only, refused with the reason otherwise (a usage error, exit 2). */
    static final class RouteConverter implements CommandLine.ITypeConverter<ObserveRoute> {
        @Override
        public ObserveRoute convert(String value) {
            try {
                return ObserveRoute.parse(value, false);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
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
