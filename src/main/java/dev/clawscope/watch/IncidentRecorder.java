package dev.clawscope.watch;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Subscription;
import dev.clawscope.proof.ProofBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident flight recorder of {@code clawscope watch}: follows each gateway's journal and, for
 * each outage, writes a redacted proof bundle by itself (the same files as {@code probe}'s) into
 * {@code DIR/<gateway>-<UTC drop time>/}, from {@link IncidentSettings#before} ahead of the fault to
 * {@link IncidentSettings#after} past the next hello-ok. An outage within the after-window extends
 * the incident; one that lasts past {@link IncidentSettings#ongoingEvery} is written marked ongoing
 * (and again each period) and finished in the same folder when it ends; on {@link #close()} an
 * incident in progress is written marked unfinished.
 *
 * <p>Threads: one writer ({@code incident-writer}) for all gateways writes the bundles, deletes the
 * oldest beyond the caps and times the windows' ends; the journal's delivery thread only feeds the
 * gateway's {@link IncidentTracker}. A gateway costs one journal subscription ({@link #attach}), or
 * none when the caller feeds entries from a subscription it has anyway ({@link #feed}).
 *
 * <pre>{@code
 * try (IncidentRecorder recorder = IncidentRecorder.start(IncidentSettings.defaults(dir))) {
 *     Subscription home = recorder.attach("home", session.label(), session.journal());
 *     ...
 * } // an incident in progress is written marked unfinished
 * }</pre>
 */
public final class IncidentRecorder implements AutoCloseable {

    /** How long {@link #close()} waits for the bundles still to write. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
    /** How soon a due end that waits on undelivered entries is looked at again. */
    static final double RECHECK_MS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(IncidentRecorder.class);

    private final IncidentSettings settings;
    private final IncidentBundles bundles;
    private final ScheduledThreadPoolExecutor writer;
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private volatile long written;
    private boolean closed;

    private IncidentRecorder(IncidentSettings settings, IncidentBundles bundles) {
        this.settings = settings;
        this.bundles = bundles;
        this.writer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "incident-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        writer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Opens {@code settings.dir()} (created when missing), counts the bundles an earlier run left
     * there toward the caps, deletes the oldest beyond them, and starts the writer thread.
     */
    public static IncidentRecorder start(IncidentSettings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        return new IncidentRecorder(settings, IncidentBundles.open(settings));
    }

    /**
     * Follows {@code journal} through a subscription of its own. Closing the subscription stops
     * following the gateway; an incident in progress is then written marked unfinished.
     *
     * @param gatewayName the gateway's name in the watch config: the bundle folders' prefix
     * @param gatewayLabel the gateway as shown to people, e.g. its URL without the query
     */
    public Subscription attach(String gatewayName, String gatewayLabel, Journal journal) {
        Feed feed = feed(gatewayName, gatewayLabel, journal);
        Subscription subscription = journal.subscribe("incident-recorder:" + gatewayName, feed);
        feed.stopDelivery = subscription;
        return feed;
    }

    /**
     * A gateway fed by the caller, from a journal subscription it holds anyway: every entry of
     * {@code journal} in order ({@code journal} itself gives the ring before a drop). Close it when
     * the gateway goes.
     */
    public synchronized Feed feed(String gatewayName, String gatewayLabel, Journal journal) {
        if (closed) {
            throw new IllegalStateException("the incident recorder is closed");
        }
        Feed feed = new Feed(new IncidentTracker(gatewayName, gatewayLabel, journal, settings));
        feeds.add(feed);
        return feed;
    }

    /** The kept bundles' folders, oldest first, earlier runs' included. */
    public List<Path> bundles() {
        return bundles.kept();
    }

    /** Bundle writes so far (an ongoing incident's each count), failures not included. */
    public long written() {
        return written;
    }

    public IncidentSettings settings() {
        return settings;
    }

    /**
     * Stops following every gateway, writes each incident in progress marked unfinished and waits
     * for the writes, {@link #CLOSE_WAIT} at most. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Feed feed : feeds) {
            feed.close();
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("incident bundles still being written after {} s; giving up on them", CLOSE_WAIT.toSeconds());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void submit(List<BundleJob> jobs) {
        for (BundleJob job : jobs) {
            try {
                writer.execute(() -> write(job));
            } catch (RejectedExecutionException e) {
                LOG.warn("incident of {} not written: the recorder is closed", job.gateway());
            }
        }
    }

    private void write(BundleJob job) {
        Optional<ProofBundle> bundle = bundles.write(job);
        if (bundle.isPresent()) {
            written++;
            LOG.info("incident bundle of {} written: {}", job.gateway(), bundle.get().dir());
        }
    }

    /** Runs on the writer thread: whatever the tracker has due now, then the next check. */
    private void check(Feed feed) {
        IncidentTracker tracker = feed.tracker;
        double now = settings.clock().monoMs();
        tracker.due(now, tracker.caughtUp()).ifPresent(this::write);
        feed.rescheduleAfter(now);
    }

    /**
     * One gateway followed by the recorder: takes its journal's entries in order ({@link #accept})
     * on whatever thread delivers them. Closing ends following it and writes its incident in
     * progress, if any, marked unfinished.
     */
    public final class Feed implements Consumer<JournalEntry>, Subscription {

        private final IncidentTracker tracker;
        private volatile Subscription stopDelivery = Subscription.NONE;
        /** The mono time a check is scheduled for; NaN when none. Guarded by this feed. */
        private double scheduled = Double.NaN;
        private boolean ended;

        private Feed(IncidentTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void accept(JournalEntry entry) {
            submit(tracker.accept(entry));
            schedule();
        }

        /** Schedules a check for when the tracker next has something due, unless one is already set by then. */
        private synchronized void schedule() {
            OptionalDouble next = tracker.nextDue();
            if (ended || next.isEmpty() || (!Double.isNaN(scheduled) && scheduled <= next.getAsDouble())) {
                return;
            }
            at(next.getAsDouble());
        }

        /**
         * After a check at {@code now}: the next one, and while something due waits on entries not yet
         * delivered, a look again {@link #RECHECK_MS} later rather than at once.
         */
        private synchronized void rescheduleAfter(double now) {
            scheduled = Double.NaN;
            OptionalDouble next = tracker.nextDue();
            if (!ended && next.isPresent()) {
                at(Math.max(next.getAsDouble(), now + RECHECK_MS));
            }
        }

        private void at(double mono) {
            scheduled = mono;
            long delayMs = (long) Math.ceil(Math.max(0, mono - settings.clock().monoMs()));
            try {
                writer.schedule(() -> check(this), delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: the incident is written unfinished instead
            }
        }

        @Override
        public String name() {
            return "incident-recorder:" + tracker.gateway();
        }

        @Override
        public long dropped() {
            return stopDelivery.dropped();
        }

        @Override
        public void close() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            stopDelivery.close();
            feeds.remove(this);
            List<BundleJob> last = new ArrayList<>(1);
            tracker.closeOut(settings.clock().monoMs()).ifPresent(last::add);
            submit(last);
        }
    }
}
