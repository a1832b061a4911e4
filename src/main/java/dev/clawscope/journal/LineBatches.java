package dev.clawscope.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Maps the lines of a reader to a writer on several threads, in order: the calling thread reads
 * batches and writes results as they complete in turn, workers map whole batches. At most a few
 * batches per worker are in flight, so memory stays bounded whatever the input size.
 */
final class LineBatches {

    static final int BATCH_CHARS = 256 * 1024;
    private static final int BATCH_LINES = 4096;
    private static final long WORKER_WAIT_SECONDS = 5;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private LineBatches() {
    }

    /** @return the number of lines written */
    static long redact(BufferedReader in, Writer out, UnaryOperator<String> redactLine) throws IOException {
        int workers = Runtime.getRuntime().availableProcessors();
        List<String> first = readBatch(in);
        if (first.size() < BATCH_LINES && first.stream().mapToInt(String::length).sum() < BATCH_CHARS) {
            // One small batch: not worth a thread.
            out.write(map(first, redactLine).toString());
            return first.size();
        }
        String poolName = "redactor-" + POOLS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, poolName + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            ArrayDeque<Future<StringBuilder>> pending = new ArrayDeque<>();
            long lines = 0;
            for (List<String> batch = first; !batch.isEmpty(); batch = readBatch(in)) {
                List<String> lines0 = batch;
                pending.add(pool.submit(() -> map(lines0, redactLine)));
                lines += batch.size();
                while (pending.size() >= workers * 3) {
                    write(pending.poll(), out);
                }
            }
            while (!pending.isEmpty()) {
                write(pending.poll(), out);
            }
            return lines;
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
        }
    }

    /** Workers are idle or finishing one batch here; waiting keeps them from outliving the call. */
    private static void awaitWorkers(ExecutorService pool) throws InterruptedIOException {
        try {
            pool.awaitTermination(WORKER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while redacting");
        }
    }

    private static List<String> readBatch(BufferedReader in) throws IOException {
        List<String> batch = new ArrayList<>();
        int chars = 0;
        String line;
        while (batch.size() < BATCH_LINES && chars < BATCH_CHARS && (line = in.readLine()) != null) {
            batch.add(line);
            chars += line.length();
        }
        return batch;
    }

    private static StringBuilder map(List<String> lines, UnaryOperator<String> redactLine) {
        StringBuilder out = new StringBuilder(lines.size() * 64);
        for (String line : lines) {
            out.append(redactLine.apply(line)).append('\n');
        }
        return out;
    }

    private static void write(Future<StringBuilder> result, Writer out) throws IOException {
        try {
            StringBuilder text = result.get();
            out.append(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while redacting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
