package dev.clawscope.bench;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.ui.inspector.InspectorView;
import dev.clawscope.ui.inspector.InspectorViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.clawscope.ui.timeline.TimelineData;
import dev.clawscope.ui.timeline.TimelineView;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The inspector's two performance claims, measured in one run:
 *
 * <ol>
 *   <li>Bridge: 50 000 journal events a second for 10 s appended to the journal of a shown
 *       inspector window (the demo session, link idle), while an {@link AnimationTimer} records the
 *       gap between FX pulses. Reports the longest and the 99th-percentile pulse gap, how long the
 *       table took to catch up, what was dropped, and the heap after a GC before and after.</li>
 *   <li>Repaint: a {@link TimelineView} 1600 x 400 with 100 000 events in view, painted 50 times
 *       (after 10 warm-up paints); reports the median, min and max.</li>
 * </ol>
 *
 * Not a unit test; see README.md in this directory for how to run it (headless with Monocle, or
 * on a real display). {@link #repaintTimes} runs the repaint measurement for another benchmark
 * (CostBenchmark) and returns the paint times.
 */
public final class InspectorBenchmark {

    private static int RATE = 50_000;
    private static final int SECONDS = 10;
    private static final int ROWS = 100_000;

    private InspectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            RATE = Integer.parseInt(args[0]);
        }
        startToolkit();
        System.out.println("# Inspector benchmark, " + Instant.now() + ", Java " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, glass "
                + System.getProperty("glass.platform", "default"));
        bridge();
        repaint();
        Platform.exit();
    }

    private static void bridge() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Path settings = Files.createTempDirectory("clawscope-bench");
        GatewaySession session = GatewaySession.open(new GatewayChoice.Demo("benchmark"), false,
                LinkTuning.demo(), settings);
        Journal journal = session.journal();
        List<Long> gaps = new ArrayList<>();
        List<Long> gapEnds = new ArrayList<>();
        long[] last = {0};
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (last[0] != 0) {
                    gaps.add(now - last[0]);
                    gapEnds.add(now);
                }
                last[0] = now;
            }
        };
        InspectorView view = CompletableFuture.supplyAsync(() -> {
            InspectorView v = new InspectorView(new InspectorViewModel(session));
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1200, 760));
            stage.show();
            pulses.start();
            return v;
        }, Platform::runLater).get();
        // Warm-up, not measured: the same flood for 3 s, so the JIT has compiled the paths measured.
        long warmup = flood(journal, 3, 0);
        long warmupWorst = CompletableFuture.supplyAsync(() -> {
            long worst = gaps.stream().mapToLong(Long::longValue).max().orElse(0);
            gaps.clear();
            gapEnds.clear();
            return worst;
        }, Platform::runLater).get();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long start = System.nanoTime();
        long produced = flood(journal, SECONDS, warmup) - warmup;
        long lastSeq = journal.snapshot().get(journal.size() - 1).seq();
        // The table has caught up when its last row is the journal's last entry.
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        Platform.runLater(() -> {
            javafx.collections.ObservableList<dev.clawscope.journal.JournalEntry> rows = view.model().events().entries();
            Runnable check = () -> {
                if (!rows.isEmpty() && rows.get(rows.size() - 1).seq() >= lastSeq) {
                    caughtUp.complete(null);
                }
            };
            rows.addListener((javafx.collections.ListChangeListener<dev.clawscope.journal.JournalEntry>) c -> check.run());
            check.run();
        });
        try {
            caughtUp.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("bridge: the table did not catch up within 10 s of the last event");
        }
        double caughtUpMs = (System.nanoTime() - start) / 1e6 - SECONDS * 1000.0;
        CompletableFuture.runAsync(pulses::stop, Platform::runLater).get();
        int rows = CompletableFuture.supplyAsync(() -> view.model().events().entries().size(), Platform::runLater).get();
        int marks = CompletableFuture.supplyAsync(() -> view.model().events().timeline().size(), Platform::runLater).get();
        long droppedOnTheWay = view.model().droppedOnTheWay();
        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        StringBuilder slow = new StringBuilder();
        for (int i = 0; i < gaps.size(); i++) {
            if (gaps.get(i) > 100_000_000L) {
                slow.append(String.format(Locale.ROOT, " %.0f ms ending at %.2f s;", ms(gaps.get(i)),
                        (gapEnds.get(i) - start) / 1e9));
            }
        }
        System.out.printf(Locale.ROOT, "bridge: %d events in %d s (%d/s) into a shown inspector window; the table "
                        + "caught up %.0f ms after the last; dropped on the way %d; journal ring evicted %d (it keeps "
                        + "the newest %d)%n", produced, SECONDS, RATE, caughtUpMs, droppedOnTheWay, journal.dropped(),
                Journal.DEFAULT_CAPACITY);
        System.out.printf(Locale.ROOT, "bridge: FX pulses %d, gap median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length, ms(sorted[sorted.length / 2]), ms(sorted[(int) (sorted.length * 0.99)]),
                ms(sorted[sorted.length - 1]));
        System.out.printf(Locale.ROOT, "bridge: warm-up (3 s, not measured) worst pulse gap %.1f ms%n", ms(warmupWorst));
        System.out.println("bridge: pulse gaps over 100 ms (time from the first measured event):"
                + (slow.length() == 0 ? " none" : slow.toString()));
        System.out.printf(Locale.ROOT, "bridge: heap after GC %.1f MB before, %.1f MB after (table rows %d, "
                + "timeline marks %d)%n", heapBefore / 1e6, heapAfter / 1e6, rows, marks);
        CompletableFuture.runAsync(view::close, Platform::runLater).get();
    }

    /** Appends RATE events a second for {@code seconds}, paced in 10 ms slices; returns the running count. */
    private static long flood(Journal journal, int seconds, long produced) {
        long start = System.nanoTime();
        for (int second = 0; second < seconds; second++) {
            for (int slice = 0; slice < 100; slice++) {
                long due = start + (second * 1_000L + slice * 10L) * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                for (int i = 0; i < RATE / 100; i++) {
                    journal.append(1, event(produced++));
                }
            }
        }
        journal.append(1, event(produced++));
        return produced;
    }

    /**
     * Starts the JavaFX toolkit unless it already runs (another benchmark in the same JVM started
     * it), and keeps it running when the last window closes.
     */
    static void startToolkit() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        Platform.setImplicitExit(false);
    }

    private static void repaint() throws Exception {
        double[] times = repaintTimes(ROWS, 10, 50);
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "repaint: 100000 events in view, 1600x400, 50 paints: median %.2f ms, "
                + "min %.2f ms, max %.2f ms%n", times[times.length / 2], times[0], times[times.length - 1]);
    }

    /**
     * Shows a {@link TimelineView} 1600 x 400 with {@code events} events in view (one every 0.6 ms
     * of the last minute), paints it {@code warmupPaints} times unmeasured, then {@code paints}
     * times, and returns each measured paint's {@link TimelineView#lastPaintMs()} in order. Needs
     * the toolkit ({@link #startToolkit()}).
     */
    static double[] repaintTimes(int events, int warmupPaints, int paints) throws Exception {
        TimelineData data = new TimelineData();
        double now = System.nanoTime() / 1e6;
        double start = now - 60_000;
        for (int i = 0; i < events; i++) {
            data.add(new JournalEntry(i + 1, Instant.now(), start + i * (60_000.0 / events), 1, event(i)));
        }
        TimelineView view = new TimelineView(data, () -> now);
        return CompletableFuture.supplyAsync(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1600, 400));
            stage.show();
            view.setSpanMs(61_000);
            for (int i = 0; i < warmupPaints; i++) {
                view.paint();
            }
            double[] t = new double[paints];
            for (int i = 0; i < t.length; i++) {
                view.paint();
                t[i] = view.lastPaintMs();
            }
            stage.close();
            return t;
        }, Platform::runLater).get();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A realistic mix: mostly heartbeats, some reconnect traffic. */
    private static LinkEvent event(long i) {
        return switch ((int) (i % 10)) {
            case 0, 1, 2 -> new LinkEvent.Tick(i);
            case 3, 4 -> new LinkEvent.WsPingSent();
            case 5, 6 -> new LinkEvent.WsPong(3.5);
            case 7 -> new LinkEvent.ProbeOk("health", 12.0);
            case 8 -> new LinkEvent.ConnectAttempt(1, "ws://127.0.0.1:18789/");
            default -> new LinkEvent.ReconnectScheduled(1, 800, "full-jitter", "transient:close_1006");
        };
    }
}
