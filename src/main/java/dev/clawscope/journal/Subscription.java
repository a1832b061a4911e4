package dev.clawscope.journal;

/**
 * The one handle for a registration that ends when closed: a journal subscriber, a listener to a
 * link's status or gateway events, an operator's change listener. Closing stops delivery without
 * waiting for a consumer call in progress, throws nothing, and closing twice is harmless.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Nothing to release. */
    Subscription NONE = () -> { };

    /** The name journaled as {@code listener} when the subscriber throws; empty when it has none. */
    default String name() {
        return "";
    }

    /** Entries this subscriber never received because it fell behind by a whole queue. */
    default long dropped() {
        return 0;
    }

    /** Faults of this subscriber that were not journaled because one was journaled less than a second before. */
    default long suppressedFaults() {
        return 0;
    }

    @Override
    void close();
}
