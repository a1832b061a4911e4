package dev.clawscope.link;

/** A handle on a scheduled task; cancelling twice, or after the task ran, does nothing. */
@FunctionalInterface
interface Cancellable {

    /** A handle for a task that was never scheduled. */
    Cancellable NONE = () -> { };

    void cancel();
}
