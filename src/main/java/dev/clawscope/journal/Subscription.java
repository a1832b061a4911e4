package dev.clawscope.journal;

/**
 * A subscriber's registration with a {@link Journal}: its own bounded queue and delivery thread.
 * Closing it stops delivery without waiting for a consumer call in progress; closing twice is
 * harmless.
 */
public interface Subscription extends AutoCloseable {

    /** The name journaled as {@code listener} when the subscriber throws. */
    String name();

    /** Entries this subscriber never received because it fell behind by a whole queue. */
    long dropped();

    /** Faults of this subscriber that were not journaled because one was journaled less than a second before. */
    long suppressedFaults();

    @Override
    void close();
}
