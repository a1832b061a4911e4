package dev.clawscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prometheus's {@code promtool}, run as a real process. A missing promtool fails the test under CI
 * and skips it elsewhere ({@link PrometheusTools}).
 */
public final class Promtool {

    private static final long TIMEOUT_SECONDS = 30;

    private Promtool() {
    }

    /** What one promtool run ended with: its exit code and its output (stdout and stderr together, bounded). */
    public record Result(int exitCode, String output) {

        /** Whether promtool accepted the input (exit code 0). */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * {@code promtool check metrics} with {@code exposition} (Prometheus's text format) on its
     * standard input: exit code 0 when the text parses and passes promtool's lint (naming and
     * unit conventions), non-zero otherwise, with promtool's reasons in the output.
     */
    public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        return run(exposition, "check", "metrics");
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path promtool = PrometheusTools.require("promtool");
        String[] command = new String[args.length + 1];
        command[0] = promtool.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // promtool may stop reading at the first parse error; its exit code and output say why.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("promtool " + String.join(" ", args) + " did not end within "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read promtool's output", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String drain(InputStream out) {
        try (out) {
            byte[] head = out.readNBytes(PrometheusTools.TAIL_BYTES);
            long rest = out.transferTo(OutputStream.nullOutputStream());
            String text = new String(head, StandardCharsets.UTF_8);
            return rest == 0 ? text : text + "\n(" + rest + " more bytes)";
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
