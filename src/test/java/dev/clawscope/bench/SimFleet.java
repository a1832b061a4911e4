package dev.clawscope.bench;

import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Many simulators in a JVM of their own, so that a process under measurement shares nothing with
 * them but the machine: {@code SimFleet N} starts N {@link SimGateway}s with their defaults on
 * loopback, all with the token in {@value #TOKEN_VARIABLE}, prints {@code port P} for each and then
 * {@code ready N} on stdout, and stays until stdin ends. Each {@code count} line on stdin is
 * answered with {@code count handshakes H connected C} (sums over the fleet). Exits 2 on a usage
 * error, 1 when a simulator does not start.
 */
public final class SimFleet {

    static final String TOKEN_VARIABLE = "CLAWSCOPE_BENCH_TOKEN";
    /** Simulators one fleet starts at most. */
    static final int MAX = 1000;

    private SimFleet() {
    }

    /** The fleet's sums, as one {@code count} line tells them. */
    record Count(long handshakes, long connected) {

        String line() {
            return String.format(Locale.ROOT, "count handshakes %d connected %d", handshakes, connected);
        }

        /** A {@code count} line, or empty for any other line. */
        static Optional<Count> parse(String line) {
            String[] words = line.strip().split(" ");
            if (words.length != 5 || !words[0].equals("count") || !words[1].equals("handshakes")
                    || !words[3].equals("connected")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Count(Long.parseLong(words[2]), Long.parseLong(words[4])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    public static void main(String[] args) throws IOException {
        int n;
        try {
            n = args.length == 1 ? Integer.parseInt(args[0]) : -1;
        } catch (NumberFormatException e) {
            n = -1;
        }
        String token = System.getenv(TOKEN_VARIABLE);
        if (n < 1 || n > MAX || token == null || token.isEmpty()) {
            System.err.println("usage: SimFleet N (1.." + MAX + "), with the token in " + TOKEN_VARIABLE);
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<SimGateway> sims = new ArrayList<>(n);
        int code = 0;
        try {
            for (int i = 0; i < n; i++) {
                SimGateway sim = SimGateway.start(SimConfig.defaults(token));
                sims.add(sim);
                out.println("port " + sim.port());
            }
            out.println("ready " + n);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.strip().equals("count")) {
                    out.println(new Count(sims.stream().mapToLong(SimGateway::handshakes).sum(),
                            sims.stream().mapToLong(SimGateway::connectedClients).sum()).line());
                }
            }
        } catch (IOException e) {
            System.err.println("SimFleet: " + e.getMessage());
            code = 1;
        } finally {
            sims.forEach(SimGateway::close);
        }
        System.exit(code);
    }
}
