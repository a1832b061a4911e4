package dev.clawscope.cli;

import dev.clawscope.Version;
import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.DeviceIdentityStore;
import dev.clawscope.protocol.Secret;
import dev.clawscope.settings.AppDirectories;
import dev.clawscope.settings.FileDeviceTokenStore;
import dev.clawscope.settings.KeyringTokenVault;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.watch.FleetListing;
import dev.clawscope.watch.IncidentRecorder;
import dev.clawscope.watch.IncidentSettings;
import dev.clawscope.watch.Watch;
import dev.clawscope.watch.WatchConfig;
import dev.clawscope.watch.WatchConfigException;
import dev.clawscope.watch.WatchMetrics;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clawscope watch}: many gateways in one headless process, with Prometheus metrics and incident bundles. */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Follows every gateway of a watch config with its own hardened link, prints one line per state",
            "change, serves Prometheus metrics over HTTP and writes a redacted proof bundle for each outage",
            "(30 s before the drop to 30 s after hello-ok). Runs until Ctrl-C or SIGTERM.",
            "The config: {\"gateways\": [{\"name\": \"home\", \"url\": \"ws://127.0.0.1:18789\",",
            "\"token_env\": \"HOME_GW_TOKEN\"}, {\"name\": \"work\", \"url\": \"wss://...\", \"token_file\": \"...\"}]}"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly",
            "1:could not start (the metrics address is taken, the incident folder cannot be written)",
            "2:usage error or a bad config (the message names the line and field); nothing was started"
        })
final class WatchCommand implements Callable<Integer> {

    /** The metrics endpoint's default address: loopback only. */
    static final String DEFAULT_METRICS = "127.0.0.1:9464";

    @Option(names = "--config", paramLabel = "FILE",
            description = "The watch config (JSON): the gateways to follow.")
    Path config;

    @Option(names = "--from-openclaw-fleet", paramLabel = "OPENCLAW", arity = "0..1", fallbackValue = "openclaw",
            description = "Also follow every cell of `OPENCLAW fleet list --json` (default command: openclaw on the"
                    + " PATH), named by tenant, each token from OPENCLAW_FLEET_TOKEN_<TENANT>.")
    String fleet;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", defaultValue = DEFAULT_METRICS,
            description = "Where to serve /metrics; another address than loopback only when asked, with a warning;"
                    + " port 0 picks a free one; 'off' serves none (default: ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--incidents", paramLabel = "DIR",
            description = "Where incident bundles go, one folder each; 'off' writes none"
                    + " (default: incidents in Clawscope's data folder).")
    String incidents;

    @Option(names = "--incident-window", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "Journal kept before an outage's fault and after its hello-ok (default: ${DEFAULT-VALUE}).")
    Duration incidentWindow;

    @Option(names = "--incident-bundles", paramLabel = "N", defaultValue = "100",
            description = "Bundles kept, earlier runs' included; the oldest go first (default: ${DEFAULT-VALUE}).")
    int incidentBundles;

    @Option(names = "--incident-megabytes", paramLabel = "MB", defaultValue = "500",
            description = "Their total size in MB (default: ${DEFAULT-VALUE}).")
    long incidentMegabytes;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "0", converter = DurationConverter.class,
            description = "Stop after this long; 0 runs until Ctrl-C or SIGTERM (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--check", description = "Read the config, say what it holds, and exit without connecting.")
    boolean check;

    @Spec
    CommandSpec spec;

    private final InterruptTrap interrupts;
    private final Function<String, String> environment;
    private final AppDirectories directories;

    WatchCommand() {
        this(new SigintTrap(true), System::getenv, AppDirectories.current());
    }

    WatchCommand(InterruptTrap interrupts, Function<String, String> environment, AppDirectories directories) {
        this.interrupts = Objects.requireNonNull(interrupts, "interrupts");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.directories = Objects.requireNonNull(directories, "directories");
    }

    @Override
    @SuppressWarnings("try") // the trap matters only for its lifetime
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<InetSocketAddress> metricsAddress = metricsAddress();
        Optional<IncidentSettings> incidentSettings = incidentSettings();
        if (duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must not be negative");
        }
        WatchConfig watchConfig;
        try {
            watchConfig = readConfig();
        } catch (WatchConfigException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was started");
            err.flush();
            return 2;
        }
        watchConfig.warnings().forEach(warning -> err.println("warning: " + warning));
        metricsAddress.filter(address -> !address.getAddress().isLoopbackAddress()).ifPresent(address ->
                err.println("warning: serving metrics on " + HostPortConverter.format(address) + ", which is not"
                        + " loopback: anyone who reaches it sees your gateways' names, addresses and health"));
        if (check) {
            out.println(sources() + ": " + watchConfig.gateways().size() + " gateway(s)");
            watchConfig.gateways().forEach(g -> out.println("  " + g.name() + " " + g.address().display()
                    + " (token: " + g.token().map(t -> g.tokenSource()).orElse("none") + ")"));
            return 0;
        }
        Optional<DeviceIdentity> identity = Optional.empty();
        if (watchConfig.gateways().stream().anyMatch(g -> g.link().signDevice())) {
            try {
                identity = Optional.of(DeviceIdentityStore.loadOrCreate(directories.config()));
            } catch (IOException e) {
                err.println("error: the device identity: " + e.getMessage());
                return 1;
            }
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        WatchMetrics watchMetrics = new WatchMetrics(registry);
        JvmMetrics.builder().register(registry);
        HTTPServer server = null;
        IncidentRecorder recorder = null;
        Watch watch = null;
        try {
            if (metricsAddress.isPresent()) {
                InetSocketAddress address = metricsAddress.get();
                try {
                    server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                            .registry(registry).executorService(metricsThreads()).buildAndStart();
                } catch (BindException e) {
                    err.println("error: --metrics " + HostPortConverter.format(address) + ": the address is taken"
                            + " (another watch?) or cannot be bound here; choose another with --metrics HOST:PORT");
                    return 1;
                }
            }
            if (incidentSettings.isPresent()) {
                try {
                    recorder = IncidentRecorder.start(incidentSettings.get());
                } catch (IOException e) {
                    err.println("error: --incidents " + incidentSettings.get().dir() + ": " + e.getMessage());
                    return 1;
                }
            }
            ClientInfo client = ClientInfo.of(ClientId.CLI, ClientMode.CLI, Version.get(), ClientInfo.currentPlatform())
                    .withDisplayName("Clawscope watch");
            out.println("watch: " + watchConfig.gateways().size() + " gateway(s) from " + sources()
                    + (server == null ? "; no metrics" : "; metrics on http://"
                            + HostPortConverter.format(new InetSocketAddress(metricsAddress.get().getAddress(),
                                    server.getPort())) + "/metrics")
                    + (recorder == null ? "; no incident bundles" : "; incidents in " + recorder.settings().dir()));
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            try (InterruptTrap.Handle ctrlC = interrupts.onInterrupt(stop::countDown)) {
                try {
                    watch = Watch.start(watchConfig, watchMetrics, Optional.ofNullable(recorder),
                            new Watch.Options(client, identity, new FileDeviceTokenStore(directories.config()), out,
                                    Watch.journalCapacity(incidentWindow)));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    err.println("error: " + e.getMessage());
                    return 1;
                }
                if (duration.isZero()) {
                    stop.await();
                } else {
                    stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            if (watch != null) {
                watch.close();
            }
            if (recorder != null) {
                recorder.close();
            }
            if (server != null) {
                server.close();
            }
            out.flush();
        }
    }

    private WatchConfig readConfig() throws WatchConfigException, InterruptedException {
        if (config == null && fleet == null) {
            throw new ParameterException(spec.commandLine(), "give --config FILE, --from-openclaw-fleet, or both");
        }
        WatchConfig fromFile = config == null ? new WatchConfig(List.of(), List.of()) : readConfigFile();
        if (fleet == null) {
            return fromFile;
        }
        List<WatchConfig.Gateway> gateways = new ArrayList<>(fromFile.gateways());
        String source = "openclaw fleet list --json";
        List<FleetListing.Gateway> cells;
        try {
            cells = FleetListing.list(List.of(fleet), Map.of());
        } catch (IOException | IllegalArgumentException e) {
            throw new WatchConfigException(source, 0, "", e.getMessage());
        }
        for (FleetListing.Gateway cell : cells) {
            String field = "tenant " + cell.name();
            if (gateways.stream().anyMatch(g -> g.name().equals(cell.name()))) {
                throw new WatchConfigException(source, 0, field, "the config names a gateway \"" + cell.name()
                        + "\" too; rename the config's");
            }
            String token = environment.apply(cell.tokenEnv());
            if (token == null || token.isBlank()) {
                throw new WatchConfigException(source, 0, field, "set its token in " + cell.tokenEnv()
                        + " (fleet lists no tokens; fleet create printed it)");
            }
            GatewayAddress address;
            try {
                address = GatewayAddress.parse(cell.url(), false);
            } catch (IllegalArgumentException e) {
                throw new WatchConfigException(source, 0, field, e.getMessage());
            }
            gateways.add(new WatchConfig.Gateway(cell.name(), address, Optional.of(Secret.of(token.strip())),
                    "env " + cell.tokenEnv(), WatchConfig.LinkOptions.DEFAULTS, 0));
        }
        if (gateways.isEmpty()) {
            throw new WatchConfigException(source, 0, "", "the fleet has no cells, and no --config names a gateway");
        }
        return new WatchConfig(gateways, fromFile.warnings());
    }

    private WatchConfig readConfigFile() throws WatchConfigException {
        String name = config.toString();
        String text;
        try {
            if (Files.size(config) > WatchConfig.MAX_BYTES) {
                throw new WatchConfigException(name, 0, "", "larger than " + WatchConfig.MAX_BYTES
                        + " bytes; is this the watch config?");
            }
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WatchConfigException(name, 0, "", "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new WatchConfigException(name, 0, "", "not UTF-8 text");
        } catch (IOException e) {
            throw new WatchConfigException(name, 0, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Path folder = config.toAbsolutePath().getParent();
        return WatchConfig.parse(name, folder, text, new WatchConfig.Tokens() {
            @Override
            public String env(String variable) {
                return environment.apply(variable);
            }

            @Override
            public String file(Path path) throws IOException {
                if (Files.size(path) > 64 * 1024) {
                    throw new IOException("larger than 64 KiB");
                }
                return Files.readString(path, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Secret> keyring(String entry) throws IOException {
                return KeyringTokenVault.open()
                        .orElseThrow(() -> new IOException("no OS keyring answers here (no Secret Service?);"
                                + " use token_env or token_file"))
                        .load(entry);
            }
        });
    }

    private String sources() {
        String cells = fleet == null ? "" : "openclaw fleet";
        return config == null ? cells : cells.isEmpty() ? config.toString() : config + " and " + cells;
    }

    private Optional<InetSocketAddress> metricsAddress() {
        if (metrics.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HostPortConverter().convert(metrics));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
        }
    }

    private Optional<IncidentSettings> incidentSettings() {
        if (incidents != null && incidents.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (incidentWindow.isNegative() || incidentWindow.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new ParameterException(spec.commandLine(), "--incident-window must be from 0 to 30m");
        }
        if (incidentBundles < 1 || incidentBundles > 100_000) {
            throw new ParameterException(spec.commandLine(), "--incident-bundles must be from 1 to 100000");
        }
        if (incidentMegabytes < 1 || incidentMegabytes > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--incident-megabytes must be from 1 to 1000000");
        }
        Path dir = incidents == null ? directories.data().resolve("incidents") : Path.of(incidents);
        return Optional.of(new IncidentSettings(dir, incidentWindow, incidentWindow,
                IncidentSettings.DEFAULT_ONGOING_EVERY, incidentBundles, incidentMegabytes * 1000 * 1000,
                IncidentSettings.DEFAULT_MAX_ENTRIES, RedactionRules.defaults(),
                Optional.empty(), JournalClock.system()));
    }

    /** Two daemon threads answer scrapes; more scrapers at once wait their turn. */
    private static ExecutorService metricsThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "metrics-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
