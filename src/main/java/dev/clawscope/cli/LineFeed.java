package dev.clawscope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads lines on a daemon thread, so that a command waiting for its next line can also be stopped,
 * which a read blocked on standard input never allows.
 */
final class LineFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LineFeed.class);

    /** Lines typed or piped in; an empty value marks the end. Unbounded: each line is a short command. */
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    /** Set by {@link #stop()} from any thread, or once {@link #next()} has reached the end. */
    private volatile boolean stopped;

    private LineFeed() {
    }

    static LineFeed start(InputStream in, String threadName) {
        LineFeed feed = new LineFeed();
        Thread reader = new Thread(() -> feed.readAll(in), threadName);
        reader.setDaemon(true);
        reader.start();
        return feed;
    }

    /** The next line, or null at the end of input or once stopped. */
    String next() throws InterruptedException {
        if (stopped) {
            return null;
        }
        Optional<String> line = lines.take();
        if (line.isEmpty()) {
            stopped = true;
        }
        return stopped ? null : line.get();
    }

    /** Makes {@link #next()} return null at once, even with lines still queued or a read blocked. */
    void stop() {
        stopped = true;
        lines.add(Optional.empty());
    }

    @Override
    public void close() {
        stop();
    }

    private void readAll(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null && !stopped; line = reader.readLine()) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            LOG.debug("reading input failed; treating it as the end", e);
        } finally {
            lines.add(Optional.empty());
        }
    }
}
