package dev.clawscope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one benchmark client said, when (wall-clock milliseconds, the clock every contender and the
 * Node clients share): each hello-ok, and each time it declared its connection down.
 */
final class ClientWatch {

    enum Kind { HELLO, DOWN }

    record Mark(long atMs, Kind kind, String detail) {
    }

    private final Contender contender;
    private final List<Mark> marks = new ArrayList<>();

    ClientWatch(Contender contender) {
        this.contender = contender;
    }

    Contender contender() {
        return contender;
    }

    synchronized void add(long atMs, Kind kind, String detail) {
        marks.add(new Mark(atMs, kind, detail));
        notifyAll();
    }

    synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** The first mark of {@code kind} at or after {@code afterMs}, waiting until {@code untilMs} for it. */
    synchronized Optional<Mark> await(Kind kind, long afterMs, long untilMs) throws InterruptedException {
        for (;;) {
            for (Mark m : marks) {
                if (m.kind() == kind && m.atMs() >= afterMs) {
                    return Optional.of(m);
                }
            }
            long left = untilMs - System.currentTimeMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(left);
        }
    }
}
