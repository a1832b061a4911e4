package dev.clawscope.cli;

import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Source;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayTls;
import dev.clawscope.observe.Observer;
import dev.clawscope.observe.PeerFault;
import dev.clawscope.observe.TlsBridge;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code clawscope observe}: puts the observer between another OpenClaw client and a gateway (a
 * {@code ws://} or {@code wss://} one, or the embedded simulator), prints one line per journal event,
 * applies faults typed on standard input and writes the redacted proof bundle on exit.
 */
@Command(name = "observe",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Relays another OpenClaw client's connection to a gateway byte for byte, prints one line per "
                    + "journal event about it (upgrade, hello, requests, pings, closes, reconnects), applies the "
                    + "faults typed on standard input and, with --out, writes a redacted proof bundle on exit.",
            "The client under test connects in plain WebSocket to the printed URL on loopback; against a "
                    + "TLS gateway the observer is the TLS client. It stops at Ctrl-C, after --duration or, "
                    + "without --duration, at the end of input (Ctrl-D)."
        },
        footerHeading = "%nFaults (one per line on standard input):%n",
        footer = {
            "  freeze [DURATION]        relay nothing either way and answer nothing; TCP",
            "                           stays open (a frozen gateway: the half-open case)",
            "  stall-upgrade [N]        accept the next N connections (default 1) and never",
            "                           answer their HTTP upgrade",
            "  drop-pongs [DURATION]    swallow the gateway's pongs on their way to the",
            "                           client",
            "  restart MS               shutdown event with restartExpectedMs MS, close 1012,",
            "                           connections refused for MS; with --target sim the",
            "                           simulator itself restarts",
            "  unavailable MS           answer the next connect UNAVAILABLE with retryAfterMs",
            "                           MS, close 1013",
            "  auth-reject              answer the next connect AUTH_TOKEN_MISMATCH, close",
            "                           1008",
            "  blackhole [DURATION]     keep connections open but forward nothing; what",
            "                           arrives is held and delivered in order on heal",
            "  reset                    reset every current connection, both sides",
            "  delay MS [DURATION]      add MS milliseconds of latency each way",
            "  delay MIN-MAX [DURATION] each chunk waits its own random MIN to MAX ms,",
            "                           in order (delay 0-2000)",
            "  throttle BYTES_PER_S [DURATION]",
            "                           limit each direction of each connection",
            "  refuse [DURATION]        reset new connections at once",
            "  heal | pass              end every fault, releasing held bytes",
            "",
            "DURATION: 500ms, 30s, 2m or 1h; a bare number is seconds. MS: a bare number",
            "is milliseconds, units work too (restart 5s). With a DURATION the fault heals",
            "by itself when it runs out.",
            "",
            "Example, in two terminals:",
            "  clawscope observe --listen 127.0.0.1:18790 --target sim --out proof",
            "  (start the client under test with ws://127.0.0.1:18790 and the printed",
            "  token), then type faults in the first, e.g. restart 5000; Ctrl-C stops",
            "  and writes the bundle."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by Ctrl-C, --duration or the end of input",
            "1:cannot listen or start the simulator, the relay failed, or the proof bundle cannot be written",
            "2:usage error (bad option, address or target)"
        })
final class ObserveCommand implements Callable<Integer> {

    /** Why a run stopped when the relay itself failed: the one stop that exits 1. */
    private static final String FAILED = "the relay failed";

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            converter = HostPortConverter.class,
            description = "Loopback address for the client under test; port 0 picks a free port and the URL is "
                    + "printed (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--target", paramLabel = "TARGET", required = true,
            description = "Where to relay: ws://HOST:PORT or wss://HOST:PORT of a gateway, or sim to start the "
                    + "embedded simulator (whose token --token-env or --token-file gives, else one is generated).")
    String target;

    @ArgGroup(exclusive = true)
    GatewayTokenOptions token;

    @Mixin
    ProofOutput proof;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after D (500ms, 90s, 2m…), 0 only at Ctrl-C; with --duration the end of "
                    + "input does not stop it.")
    Duration duration;

    @Option(names = "--tls-fingerprint", paramLabel = "SHA256",
            description = "For a wss:// target: trust only the gateway leaf certificate with this SHA-256 "
                    + "fingerprint instead of the trust store and host name.")
    String tlsFingerprint;

    @Option(names = "--allow-insecure", description = "Allow a plaintext ws:// target on a public host.")
    boolean allowInsecure;

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final InterruptTrap interrupts;
    private final Function<String, String> environment;

    ObserveCommand() {
        this(System.in, new SigintTrap(), System::getenv);
    }

    ObserveCommand(InputStream in, InterruptTrap interrupts, Function<String, String> environment) {
        this.in = Objects.requireNonNull(in, "in");
        this.interrupts = Objects.requireNonNull(interrupts, "interrupts");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** What {@code --target} named, checked: the simulator, or a gateway address. */
    private record Target(String display, Optional<GatewayAddress> address) {
        boolean sim() {
            return address.isEmpty();
        }

        boolean secure() {
            return address.map(GatewayAddress::secure).orElse(false);
        }

        String host() {
            String host = address.orElseThrow().uri().getHost();
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }

        int port() {
            return address.orElseThrow().uri().getPort();
        }
    }

    @Override
    @SuppressWarnings("try") // the subscription matters only for its lifetime
    public Integer call() throws InterruptedException {
        Target where = target();
        Secret secret = GatewayTokenOptions.read(token, spec.commandLine(), environment);
        if (secret != null && !where.sim()) {
            throw new ParameterException(spec.commandLine(), "--token-env and --token-file set the simulator's token "
                    + "(--target sim); against a gateway the client under test brings its own");
        }
        Optional<GatewayTls> tls = tls(where);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (proof.wanted()) {
            try {
                Files.createDirectories(proof.dir);
            } catch (IOException e) {
                proof.cannotWrite(stderr, e);
                return 1;
            }
        }
        Journal journal = new Journal();
        TerminalPrinter printer = new TerminalPrinter(stdout, System::nanoTime);
        Parts parts = new Parts();
        String stopped;
        Journal.Kept kept;
        try (Subscription printing = journal.subscribe("terminal", printer)) {
            String failure = parts.start(listen, where, secret, tls, journal);
            if (failure != null) {
                stderr.println("error: " + failure);
                return 1;
            }
            printHeader(stdout, parts, where, secret);
            stopped = observe(parts.observer, stdout, stderr);
            parts.close();
            kept = journal.kept();
            printer.finishWith(kept, Duration.ofSeconds(2));
        } finally {
            parts.close();
            journal.close();
        }
        stdout.println("observer stopped (" + stopped + ")");
        if (proof.wanted() && !proof.write(kept.entries(), bundleInfo(kept, parts, where), stdout, stderr)) {
            return 1;
        }
        return stopped.equals(FAILED) ? 1 : 0;
    }

    /**
     * Applies the faults typed on standard input until Ctrl-C, the end of {@code --duration} or, without
     * one, the end of input; returns why it stopped.
     */
    @SuppressWarnings("try") // the trap and the feed matter only for their lifetime
    private String observe(Observer observer, PrintWriter stdout, PrintWriter stderr) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> why = new AtomicReference<>();
        boolean endOfInputStops = duration == null;
        try (LineFeed lines = LineFeed.start(in, "clawscope-observe-stdin");
                InterruptTrap.Handle ctrlC = interrupts.onInterrupt(() -> {
                    why.compareAndSet(null, "Ctrl-C");
                    stop.countDown();
                })) {
            Thread console = new Thread(() -> {
                try {
                    for (String line = lines.next(); line != null; line = lines.next()) {
                        if (!apply(observer, line.strip(), stdout, stderr) && why.compareAndSet(null, FAILED)) {
                            stop.countDown();
                            return;
                        }
                    }
                    if (endOfInputStops && why.compareAndSet(null, "end of input")) {
                        stop.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "clawscope-observe-console");
            console.setDaemon(true);
            console.start();
            if (duration != null && !duration.isZero()) {
                if (!stop.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                    why.compareAndSet(null, "after " + shortForm(duration));
                }
            } else {
                stop.await();
            }
            lines.stop();
            console.join(TimeUnit.SECONDS.toMillis(5));
        }
        return why.get();
    }

    /** Applies one typed line; false only when the observer itself has failed. */
    private static boolean apply(Observer observer, String line, PrintWriter out, PrintWriter err) {
        if (line.isEmpty() || line.startsWith("#")) {
            return true;
        }
        PeerFault.Parse result = PeerFault.parse(line);
        if (result instanceof PeerFault.Parse.Rejected rejected) {
            err.println("error: " + rejected.message());
            return true;
        }
        PeerFault fault = ((PeerFault.Parse.Parsed) result).fault();
        try {
            observer.apply(fault);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return false;
        }
        out.println("fault applied: " + fault.describe());
        return true;
    }

    private void printHeader(PrintWriter stdout, Parts parts, Target where, Secret secret) {
        Observer observer = parts.observer;
        String upstream = where.sim() ? "sim (the embedded simulator on " + parts.sim.url() + ")"
                : where.secure() ? where.display() + (tlsFingerprint == null
                        ? " (TLS checked against the trust store and the host name)"
                        : " (TLS pinned to the certificate's SHA-256 fingerprint)")
                : where.display();
        stdout.println("observer listening on " + observer.clientUrl() + " -> " + upstream);
        stdout.println("client URL: " + observer.clientUrl());
        if (where.sim()) {
            stdout.println("client token: " + (secret == null ? parts.simToken + " (generated for this run)"
                    : token.env != null ? "the value of $" + token.env : "the content of " + token.file));
        }
        stdout.println("faults: " + PeerFault.FORMS);
        stdout.flush();
    }

    private Target target() {
        if (!listen.getAddress().isLoopbackAddress()) {
            throw new ParameterException(spec.commandLine(), "--listen must be a loopback address such as 127.0.0.1, "
                    + "not " + HostPortConverter.format(listen) + ": it serves a client on this machine only");
        }
        String text = target.strip();
        if (text.equalsIgnoreCase("sim")) {
            if (tlsFingerprint != null) {
                throw new ParameterException(spec.commandLine(), "--tls-fingerprint needs a wss:// target");
            }
            return new Target("sim", Optional.empty());
        }
        GatewayAddress address;
        try {
            address = GatewayAddress.parse(text, allowInsecure);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--target: " + e.getMessage() + " (or sim)");
        }
        if (!address.uri().getRawPath().equals("/") || address.uri().getRawQuery() != null) {
            throw new ParameterException(spec.commandLine(), "--target: give only ws://HOST:PORT or wss://HOST:PORT; "
                    + "the client's own request path and query are relayed as it sends them");
        }
        if (!address.secure() && tlsFingerprint != null) {
            throw new ParameterException(spec.commandLine(), "--tls-fingerprint needs a wss:// target");
        }
        Target checked = new Target(address.uri().getScheme() + "://" + address.uri().getRawAuthority(),
                Optional.of(address));
        if (!address.secure()) {
            InetSocketAddress resolved = new InetSocketAddress(checked.host(), checked.port());
            if (resolved.isUnresolved()) {
                throw new ParameterException(spec.commandLine(),
                        "--target: cannot resolve host '" + checked.host() + "'");
            }
            if (listen.getPort() == resolved.getPort() && resolved.getAddress().isLoopbackAddress()) {
                throw new ParameterException(spec.commandLine(), "--target is the observer's own --listen address");
            }
        }
        return checked;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}, as typed. */
    static String shortForm(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
    }

    private Optional<GatewayTls> tls(Target where) {
        if (!where.secure()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GatewayTls(Optional.ofNullable(tlsFingerprint)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tls-fingerprint: " + e.getMessage());
        }
    }

    private BundleInfo bundleInfo(Journal.Kept kept, Parts parts, Target where) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client URL", parts.clientUrl);
        settings.put("target", where.sim() ? "sim (embedded simulator, real gateway defaults)" : where.display());
        if (where.secure()) {
            settings.put("TLS", tlsFingerprint == null ? "trust store and host name" : "pinned leaf certificate");
        }
        if (where.sim()) {
            settings.put("simulator token", token == null ? "generated for this run"
                    : token.env != null ? "from --token-env" : "from --token-file");
            settings.put("restart", "restarts the simulator itself");
        }
        settings.put("duration", duration == null || duration.isZero() ? "until stopped" : shortForm(duration));
        return new BundleInfo("observe", where.display(), settings, List.of(), Optional.empty(), kept.dropped())
                .withSource(parts.source);
    }

    /** What one run starts: the simulator or the TLS bridge when the target needs one, then the observer. */
    private static final class Parts implements AutoCloseable {
        SimGateway sim;
        String simToken;
        TlsBridge bridge;
        Observer observer;
        String clientUrl;
        Source source;

        /** Starts every part; null when all started, else what failed, in words. */
        String start(InetSocketAddress listen, Target where, Secret secret, Optional<GatewayTls> tls, Journal journal) {
            InetSocketAddress upstream;
            if (where.sim()) {
                simToken = secret == null ? generatedToken() : secret.reveal();
                try {
                    sim = SimGateway.start(SimConfig.defaults(simToken));
                } catch (IOException e) {
                    return "cannot start the simulator on 127.0.0.1: " + e.getMessage();
                }
                upstream = new InetSocketAddress("127.0.0.1", sim.port());
            } else if (tls.isPresent()) {
                try {
                    bridge = TlsBridge.start(where.host(), where.port(), tls.get(), FaultProxy.DEFAULT_MAX_CONNECTIONS,
                            problem -> journal.append(0, new LinkEvent.Error("tls", problem)));
                } catch (IOException e) {
                    return "cannot listen on 127.0.0.1 for the TLS bridge: " + e.getMessage();
                }
                upstream = bridge.listenAddress();
            } else {
                upstream = new InetSocketAddress(where.host(), where.port());
            }
            Observer.Settings settings = new Observer.Settings(listen, upstream, where.display());
            if (sim != null) {
                SimGateway gateway = sim;
                settings = settings.withRestartHook(ms -> gateway.restart(Duration.ofMillis(ms), Duration.ofMillis(ms),
                        Duration.ZERO));
            }
            try {
                observer = Observer.start(settings, journal);
            } catch (IOException e) {
                return "cannot listen on " + HostPortConverter.format(listen) + ": " + e.getMessage();
            }
            clientUrl = observer.clientUrl();
            source = observer.source();
            return null;
        }

        private static String generatedToken() {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        /** Closes the observer first, so that its last lines reach the journal; idempotent. */
        @Override
        public void close() {
            if (observer != null) {
                observer.close();
            }
            if (bridge != null) {
                bridge.close();
            }
            if (sim != null) {
                sim.close();
            }
        }
    }
}
