package dev.clawscope.cli;

import dev.clawscope.Version;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.Source;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.link.LinkHistory;
import dev.clawscope.link.LinkState;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.DeviceIdentityStore;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.protocol.Secret;
import dev.clawscope.settings.AppDirectories;
import dev.clawscope.settings.FileDeviceTokenStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clawscope probe}: run the hardened link against a gateway and print every journal event. */
@Command(name = "probe",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Connects to a gateway with the hardened link, prints one line per journal event and, "
                + "with --out, writes the journal as JSONL when it stops (after --duration, Ctrl-C or SIGTERM).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:connected and healthy, or stopped cleanly",
            "2:usage error",
            "3:paused on an auth, pairing or protocol error",
            "4:never connected"
        })
final class ProbeCommand implements Callable<Integer> {

    static final int EXIT_PAUSED = 3;
    static final int EXIT_NEVER_CONNECTED = 4;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "Gateway URL, e.g. ws://127.0.0.1:18789.")
    String url;

    @ArgGroup(exclusive = true)
    GatewayTokenOptions token;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "90s", converter = DurationConverter.class,
            description = "How long to run: 500ms, 90s, 2m…; 0 runs until Ctrl-C or SIGTERM (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Mixin
    ProofOutput proof;

    @Option(names = "--scopes", paramLabel = "S", split = ",", defaultValue = "operator.read",
            description = "Operator scopes to ask for, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> scopes;

    @Option(names = "--backoff", paramLabel = "POLICY", defaultValue = "paced-jitter",
            description = "paced-jitter, full-jitter, openclaw-reference or windows-tray (default: ${DEFAULT-VALUE}).")
    String backoff;

    @Option(names = "--ping-ms", paramLabel = "N", defaultValue = "5000",
            description = "Own WebSocket ping interval; 0 turns it off (default: ${DEFAULT-VALUE}).")
    long pingMs;

    @Option(names = "--pong-deadline-ms", paramLabel = "N", defaultValue = "5000",
            description = "How long a pong may take at least; the deadline grows to 3 x the largest of the last"
                    + " 16 round trips, up to 30 s (default: ${DEFAULT-VALUE}).")
    long pongDeadlineMs;

    @Option(names = "--no-device", description = "Do not sign with this machine's device identity.")
    boolean noDevice;

    @Option(names = "--tls-fingerprint", paramLabel = "SHA256", description = "Pin the gateway's leaf certificate.")
    String tlsFingerprint;

    @Option(names = "--allow-insecure", description = "Allow plaintext ws:// to a public host.")
    boolean allowInsecure;

    @Spec
    CommandSpec spec;

    private final InterruptTrap interrupts;
    private final Function<String, String> environment;
    private final Path settingsDirectory;
    private final Supplier<Journal> journals;

    ProbeCommand() {
        this(new SigintTrap(true), System::getenv, AppDirectories.current().config());
    }

    ProbeCommand(InterruptTrap interrupts, Function<String, String> environment, Path settingsDirectory) {
        this(interrupts, environment, settingsDirectory, Journal::new);
    }

    /** @param journals makes the run's journal; tests give one with a small ring */
    ProbeCommand(InterruptTrap interrupts, Function<String, String> environment, Path settingsDirectory,
            Supplier<Journal> journals) {
        this.interrupts = Objects.requireNonNull(interrupts, "interrupts");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.settingsDirectory = Objects.requireNonNull(settingsDirectory, "settingsDirectory");
        this.journals = Objects.requireNonNull(journals, "journals");
    }

    @Override
    @SuppressWarnings("try") // the trap and the subscription matter only for their lifetime
    public Integer call() throws InterruptedException {
        LinkConfig config = config();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        DeviceIdentity identity = null;
        if (!noDevice) {
            try {
                identity = DeviceIdentityStore.loadOrCreate(settingsDirectory);
            } catch (IOException e) {
                stderr.println("error: " + e.getMessage());
                return 1;
            }
        }
        Journal journal = journals.get();
        TerminalPrinter printer = new TerminalPrinter(stdout, System::nanoTime);
        CountDownLatch stop = new CountDownLatch(1);
        GatewayLink link = GatewayLink.create(config, journal, identity, new FileDeviceTokenStore(settingsDirectory),
                Optional.ofNullable(tlsFingerprint));
        LinkState finalState;
        Journal.Kept kept;
        try (Subscription printing = journal.subscribe("terminal", printer);
                InterruptTrap.Handle ctrlC = interrupts.onInterrupt(stop::countDown)) {
            link.connect();
            if (duration.isZero()) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            finalState = link.state();
            link.dispose();
            kept = journal.kept();
            printer.finishWith(kept, Duration.ofSeconds(2));
        } finally {
            link.dispose();
            journal.close();
        }
        LinkHistory history = link.history();
        if (proof.wanted() && !proof.write(kept.entries(), bundleInfo(kept, history, config), stdout, stderr)) {
            return 1;
        }
        return exitCode(finalState, history);
    }

    /**
     * The exit code from the link's own record, never from the journal, which may have dropped
     * entries: {@link #EXIT_PAUSED} when the link was paused at the end, 0 when it reached hello-ok
     * at least once, else {@link #EXIT_NEVER_CONNECTED}.
     *
     * @param finalState the link's state when the run ended, before disposal
     */
    static int exitCode(LinkState finalState, LinkHistory history) {
        if (finalState == LinkState.PAUSED) {
            return EXIT_PAUSED;
        }
        return history.everConnected() ? 0 : EXIT_NEVER_CONNECTED;
    }

    private LinkConfig config() {
        GatewayAddress address;
        try {
            address = GatewayAddress.parse(url, allowInsecure);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
        if (duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must not be negative");
        }
        if (pingMs < 0 || pongDeadlineMs <= 0) {
            throw new ParameterException(spec.commandLine(), "--ping-ms must be >= 0 and --pong-deadline-ms > 0");
        }
        Secret secret = readToken();
        ClientInfo client = ClientInfo.of(ClientId.CLI, ClientMode.CLI, Version.get(), ClientInfo.currentPlatform())
                .withDisplayName("Clawscope probe");
        try {
            return LinkConfig.defaults(address, secret, client, scopes)
                    .withBackoff(backoff)
                    .withWsPing(Duration.ofMillis(pingMs), Duration.ofMillis(pongDeadlineMs))
                    .withSignDevice(!noDevice);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Secret readToken() {
        return GatewayTokenOptions.read(token, spec.commandLine(), environment);
    }

    private BundleInfo bundleInfo(Journal.Kept kept, LinkHistory history, LinkConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("duration", duration.isZero() ? "until Ctrl-C or SIGTERM" : duration.toString());
        settings.put("scopes", String.join(",", config.scopes()));
        settings.put("backoff", config.backoffPolicy());
        settings.put("ws ping", config.wsPingInterval().toMillis() + " ms, pong deadline "
                + config.pongDeadline().toMillis() + " ms");
        settings.put("tick watchdog", config.tickWatchdogMultiplier() + " x tickIntervalMs");
        settings.put("probe", config.probeMethod() == null ? "off"
                : config.probeMethod() + " every " + config.probeInterval().toSeconds() + " s when allowed");
        settings.put("device identity", noDevice ? "off" : "signed (Ed25519)");
        return new BundleInfo("probe", config.address().display(), settings, List.of())
                .withLink(history, kept.dropped())
                .withSource(Source.gatewayLink(config.client().displayName(), config.address().display()));
    }
}
