package dev.clawscope.watch;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.OutageTracker;
import dev.clawscope.timeline.Seconds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One gateway's incidents, found with the timeline's own {@link OutageTracker} (the classification
 * the window and the proof use) from the entries fed in journal order. No threads and no clock of
 * its own: {@link #accept} and {@link #due} say what to write and when, which is what lets the
 * windows be tested in virtual time.
 *
 * <p>An incident begins when the link drops. It holds the journal from {@code before} ahead of the
 * outage's fault (taken from the journal's ring at the drop, not from a copy kept all along) and
 * every entry after, until {@code after} past the next hello-ok. An outage that begins before then
 * extends it: a flapping gateway makes one bundle. Thread-safe: the journal's delivery thread feeds
 * it and the recorder's writer thread asks it what is due.
 */
final class IncidentTracker {

    /** How long a timed end waits past the window for entries the subscriber has not delivered yet. */
    static final double DELIVERY_GRACE_MS = 2_000;

    private final String gateway;
    private final String label;
    private final Journal journal;
    private final IncidentSettings settings;
    private final OutageTracker outages = new OutageTracker();
    private int seenOutages;
    private long lastSeq;
    private Incident open;
    private boolean closed;

    IncidentTracker(String gateway, String label, Journal journal, IncidentSettings settings) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.label = Objects.requireNonNull(label, "label");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    String gateway() {
        return gateway;
    }

    /**
     * Takes the next entry; answers the incident it ends, if any (an entry past the after-window
     * ends the incident before it, and may begin the next). Entries seen before are ignored.
     */
    synchronized List<BundleJob> accept(JournalEntry entry) {
        if (closed || entry.seq() <= lastSeq) {
            return List.of();
        }
        if (open != null && entry.seq() > lastSeq + 1) {
            open.missed(entry.seq() - lastSeq - 1);
        }
        lastSeq = entry.seq();
        List<BundleJob> jobs = new ArrayList<>(1);
        if (open != null && open.isRecovered() && entry.monoMs() >= windowEnd(open)) {
            jobs.add(end(Status.FINISHED, windowEnd(open)));
        }
        outages.accept(entry.monoMs(), entry.event());
        List<OutageSpan> spans = outages.outages();
        OutageSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (spans.size() > seenOutages) {
            if (open == null) {
                begin(entry, last);
            } else {
                open.droppedAgain();
                open.add(entry);
            }
        } else if (open != null) {
            open.add(entry);
        }
        if (open != null && !open.isRecovered() && last != null && last.recovered()) {
            open.recovered(Double.isNaN(last.helloMs()) ? last.upMs() : last.helloMs());
        }
        // Only the last outage matters here; the tracker keeps it open while the link is down.
        outages.dropOldest(spans.size() - 1);
        seenOutages = outages.outages().size();
        return jobs;
    }

    /**
     * What is due at {@code nowMono}: the end of an incident whose after-window has passed, or an
     * ongoing write of one still down. A timed end waits while the journal holds entries not
     * delivered yet ({@code caughtUp} false), for {@link #DELIVERY_GRACE_MS} at most.
     */
    synchronized Optional<BundleJob> due(double nowMono, boolean caughtUp) {
        if (open == null) {
            return Optional.empty();
        }
        if (open.isRecovered()) {
            double end = windowEnd(open);
            return nowMono >= end && (caughtUp || nowMono >= end + DELIVERY_GRACE_MS)
                    ? Optional.of(end(Status.FINISHED, end)) : Optional.empty();
        }
        if (nowMono >= open.nextOngoingMono()) {
            BundleJob job = job(Status.ONGOING, nowMono, false);
            open.ongoingWritten(settings.ongoingEvery().toMillis());
            return Optional.of(job);
        }
        return Optional.empty();
    }

    /** When {@link #due} may next have something: the end of the after-window, or the next ongoing write. */
    synchronized OptionalDouble nextDue() {
        if (open == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(open.isRecovered() ? windowEnd(open) : open.nextOngoingMono());
    }

    /** Whether every entry the journal has appended has been fed (no delivery pending). */
    synchronized boolean caughtUp() {
        // size + dropped is the last seq; read apart, it can only overstate it, which merely waits longer
        return lastSeq >= journal.size() + journal.dropped();
    }

    /** Ends following: the incident in progress, if any, marked unfinished. Nothing is taken after. */
    synchronized Optional<BundleJob> closeOut(double nowMono) {
        closed = true;
        return open == null ? Optional.empty() : Optional.of(end(Status.UNFINISHED, nowMono));
    }

    private void begin(JournalEntry drop, OutageSpan outage) {
        open = new Incident(drop.ts(), drop.monoMs(), settings.maxEntries(),
                drop.monoMs() + settings.ongoingEvery().toMillis());
        double from = outage.faultMs() - settings.before().toMillis();
        List<JournalEntry> before = new ArrayList<>();
        for (JournalEntry e : journal.kept().entries()) {
            if (e.seq() < drop.seq() && e.monoMs() >= from) {
                before.add(e);
            }
        }
        // a flood before the drop must not crowd the drop itself out of the kept head
        int room = settings.maxEntries() / 4;
        for (int i = 0; i < before.size() - room; i++) {
            open.leaveOut(before.get(i).seq());
        }
        before.subList(Math.max(0, before.size() - room), before.size()).forEach(open::add);
        open.add(drop);
    }

    private double windowEnd(Incident incident) {
        return incident.helloMono() + settings.after().toMillis();
    }

    private BundleJob end(Status status, double nowMono) {
        BundleJob job = job(status, nowMono, true);
        open = null;
        return job;
    }

    private BundleJob job(Status status, double nowMono, boolean last) {
        Map<String, String> table = new LinkedHashMap<>();
        table.put(IncidentBundles.MARKER_KEY, IncidentBundles.MARKER);
        table.put("gateway", gateway);
        table.put("incident", status(status, nowMono));
        int count = open.outages();
        table.put("outages", count == 1 ? "1"
                : count + " (each began within " + Seconds.of(settings.after().toMillis())
                        + " of the hello-ok before it, so they make one incident)");
        table.put("window", Seconds.of(settings.before().toMillis()) + " before the first outage's fault to "
                + Seconds.of(settings.after().toMillis()) + " after the last hello-ok");
        table.put("entries left out", open.leftOut() == 0 ? "none"
                : open.leftOut() + ", seq " + open.firstLeftOut() + " to " + open.lastLeftOut() + ": more than "
                        + settings.maxEntries() + " in one incident; the drop, the first entries after it and the "
                        + "last ones are kept");
        if (open.missed() > 0) {
            table.put("entries missed", open.missed() + ": the journal dropped them before the recorder read them "
                    + "(it fell a whole queue behind); gaps in seq show where");
        }
        return new BundleJob(open, gateway, label, open.dropTs(), open.entries(), table, last);
    }

    private String status(Status status, double nowMono) {
        String sinceDrop = Seconds.of(Math.max(0, nowMono - open.dropMono()));
        return switch (status) {
            case FINISHED -> "finished: connected again, and " + Seconds.of(settings.after().toMillis())
                    + " after its last hello-ok are included";
            case ONGOING -> "ongoing: still down " + sinceDrop + " after the drop; this folder is written "
                    + "again every " + Seconds.of(settings.ongoingEvery().toMillis()) + " and when the incident ends";
            case UNFINISHED -> open.isRecovered()
                    ? "unfinished: the recorder stopped " + Seconds.of(Math.max(0, nowMono - open.helloMono()))
                            + " after the last hello-ok, before the after-window ended"
                    : "unfinished: the recorder stopped " + sinceDrop + " after the drop, the gateway still down";
        };
    }

    /** How far an incident got when it was written. */
    enum Status { FINISHED, ONGOING, UNFINISHED }
}
