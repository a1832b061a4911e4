package dev.clawscope.cli;

import dev.clawscope.settings.AppDirectories;
import dev.clawscope.sim.PairingMode;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clawscope sim}: the embedded gateway simulator, with a small console on standard input. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs a simulated OpenClaw gateway (protocol v4) on 127.0.0.1 until Ctrl-C. "
                + "Lines typed on standard input misbehave on purpose.",
        footerHeading = "%nConsole commands:%n",
        footer = {
            "  status                   connections, handshakes and method counts",
            "  pending                  pending device pairing requests",
            "  approve ID | reject ID   decide a pairing request",
            "  freeze | unfreeze        keep TCP open but send and answer nothing",
            "  kill | revive            drop every socket without a frame; listen again",
            "  stop                     shutdown event, close 1012, stop listening",
            "  restart [MS]             shutdown with restartExpectedMs, back after MS",
            "                           (default 2000)",
            "  starting MS              answer connects with UNAVAILABLE/1013 for MS",
            "  gap N                    skip N sequence numbers on the next event",
            "  approval COMMAND...      raise an exec approval request",
            "",
            "Without --token a random token is generated and written to a file that only",
            "you can read; the file's path is printed, the token never is."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by Ctrl-C",
            "1:cannot listen (e.g. the port is in use)",
            "2:usage error"
        })
final class SimCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", paramLabel = "T", description = "The shared gateway token clients must present.")
    String token;

    @Option(names = "--tick-ms", paramLabel = "N", defaultValue = "30000",
            description = "Tick interval (default: ${DEFAULT-VALUE}, as the real gateway).")
    long tickMs;

    @Option(names = "--ws-ping-ms", paramLabel = "N", defaultValue = "25000",
            description = "Server WebSocket ping interval; a peer that misses the pong window as long is "
                    + "dropped (default: ${DEFAULT-VALUE}).")
    long wsPingMs;

    @Option(names = "--pairing", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (approve loopback devices silently) or manual (default: ${DEFAULT-VALUE}).")
    String pairing;

    @Option(names = "--startup-ms", paramLabel = "N", defaultValue = "0",
            description = "Answer connects with UNAVAILABLE for this long after start (default: ${DEFAULT-VALUE}).")
    long startupMs;

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final InterruptTrap interrupts;
    private final Path tokenDirectory;

    SimCommand() {
        this(System.in, new SigintTrap(), AppDirectories.current().data());
    }

    SimCommand(InputStream in, InterruptTrap interrupts, Path tokenDirectory) {
        this.in = Objects.requireNonNull(in, "in");
        this.interrupts = Objects.requireNonNull(interrupts, "interrupts");
        this.tokenDirectory = Objects.requireNonNull(tokenDirectory, "tokenDirectory");
    }

    @Override
    @SuppressWarnings("try") // the trap and the console matter only for their lifetime
    public Integer call() throws InterruptedException {
        SimConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String tokenNote = null;
        if (token == null) {
            String generated = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
            try {
                tokenNote = "token written to " + writeToken(generated) + " (use --token-file with probe)";
            } catch (IOException e) {
                err.println("error: cannot write the generated token under " + tokenDirectory + ": " + e.getMessage());
                return 1;
            }
            config = new SimConfig(config.port(), generated, config.tickInterval(), config.wsPingInterval(),
                    config.pongDeadline(), config.handshakeTimeout(), config.healthInterval(), config.pairingMode(),
                    config.pairingTtl(), config.startup(), config.serverVersion());
        }
        SimGateway sim;
        try {
            sim = SimGateway.start(config);
        } catch (IOException e) {
            err.println("error: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (sim; InterruptTrap.Handle ctrlC = interrupts.onInterrupt(stop::countDown);
                LineFeed lines = LineFeed.start(in, "clawscope-sim-stdin")) {
            out.println(sim.url());
            if (tokenNote != null) {
                out.println(tokenNote);
            }
            out.println("simulated gateway running; Ctrl-C stops it");
            Thread console = new Thread(() -> console(sim, lines, out, err), "clawscope-sim-console");
            console.setDaemon(true);
            console.start();
            stop.await();
        }
        out.println("simulated gateway stopped");
        return 0;
    }

    private SimConfig config() {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
        }
        if (token != null && token.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--token must not be blank");
        }
        requirePositive(tickMs, "--tick-ms");
        requirePositive(wsPingMs, "--ws-ping-ms");
        if (startupMs < 0) {
            throw new ParameterException(spec.commandLine(), "--startup-ms must not be negative");
        }
        PairingMode mode = switch (pairing.toLowerCase(Locale.ROOT)) {
            case "auto" -> PairingMode.AUTO;
            case "manual" -> PairingMode.MANUAL;
            default -> throw new ParameterException(spec.commandLine(),
                    "--pairing must be auto or manual, got '" + pairing + "'");
        };
        SimConfig base = SimConfig.defaults(token == null ? "placeholder-replaced-below" : token);
        return base.withPort(port)
                .withTickInterval(Duration.ofMillis(tickMs))
                .withWsPing(Duration.ofMillis(wsPingMs), Duration.ofMillis(wsPingMs))
                .withPairing(mode, base.pairingTtl())
                .withStartup(Duration.ofMillis(startupMs));
    }

    private void requirePositive(long value, String option) {
        if (value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }

    private Path writeToken(String value) throws IOException {
        Files.createDirectories(tokenDirectory);
        Path file = tokenDirectory.resolve("sim-token");
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, value + System.lineSeparator());
        return file;
    }

    private static void console(SimGateway sim, LineFeed lines, PrintWriter out, PrintWriter err) {
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                String reply = SimConsole.execute(sim, line.strip());
                if (reply == null) {
                    continue;
                }
                (reply.startsWith("error:") ? err : out).println(reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
