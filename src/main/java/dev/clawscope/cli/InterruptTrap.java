package dev.clawscope.cli;

/** Runs an action when the user presses Ctrl-C, so a long-running command can stop cleanly and exit 0. */
@FunctionalInterface
interface InterruptTrap {

    /** Calls {@code action} on Ctrl-C until the returned handle is closed. */
    Handle onInterrupt(Runnable action);

    /** Ends the trap and restores what Ctrl-C did before. */
    @FunctionalInterface
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
