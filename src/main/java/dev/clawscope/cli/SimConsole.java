package dev.clawscope.cli;

import dev.clawscope.sim.SimGateway;
import java.time.Duration;
import java.util.stream.Collectors;

/** The {@code sim} console: one typed line in, one line of reply out (null for blank lines). */
final class SimConsole {

    private SimConsole() {
    }

    static String execute(SimGateway sim, String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        try {
            return switch (words[0]) {
                case "status" -> "clients " + sim.connectedClients() + ", sockets " + sim.openSockets()
                        + ", accepted " + sim.acceptedTotal() + ", handshakes " + sim.handshakes()
                        + ", methods " + sim.methodCalls();
                case "pending" -> sim.pendingPairings().isEmpty() ? "no pending pairing requests"
                        : sim.pendingPairings().stream()
                        .map(p -> p.requestId() + " device " + p.deviceId().substring(0, 12) + "… " + p.clientId()
                                + " " + p.role() + " " + p.scopes())
                        .collect(Collectors.joining(System.lineSeparator()));
                case "approve" -> sim.approvePairing(required(arg, "approve ID")) ? "approved " + arg
                        : "error: no pending request " + arg;
                case "reject" -> sim.rejectPairing(required(arg, "reject ID")) ? "rejected " + arg
                        : "error: no pending request " + arg;
                case "freeze" -> run(sim::freeze, "frozen: TCP stays open, nothing is sent or answered");
                case "unfreeze" -> run(sim::unfreeze, "thawed");
                case "kill" -> run(sim::kill, "killed: every socket dropped, port closed");
                case "revive" -> run(sim::revive, "listening again on " + sim.url());
                case "stop" -> run(() -> sim.stop("gateway stopping"), "stopped: shutdown sent, port closed");
                case "restart" -> {
                    long ms = arg.isEmpty() ? 2000 : millis(arg);
                    sim.restart(Duration.ofMillis(ms), Duration.ofMillis(ms), Duration.ofMillis(500));
                    yield "restarting: back in " + ms + " ms";
                }
                case "starting" -> {
                    long ms = millis(required(arg, "starting MS"));
                    sim.startupWindow(Duration.ofMillis(ms));
                    yield "answering UNAVAILABLE for " + ms + " ms";
                }
                case "gap" -> {
                    int n = Integer.parseInt(required(arg, "gap N"));
                    sim.injectSeqGap(n);
                    yield "next event skips " + n + " seq";
                }
                case "approval" -> "exec approval raised: " + sim.raiseExecApproval(required(arg, "approval COMMAND"));
                default -> "error: unknown command '" + words[0] + "'; see clawscope sim --help";
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String run(Runnable action, String reply) {
        action.run();
        return reply;
    }

    private static String required(String arg, String usage) {
        if (arg.isEmpty()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return arg;
    }

    private static long millis(String arg) {
        try {
            long value = Long.parseLong(arg);
            if (value < 0) {
                throw new IllegalArgumentException("expected milliseconds >= 0, got " + arg);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected milliseconds, got '" + arg + "'");
        }
    }
}
