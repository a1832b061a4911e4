package dev.clawscope.ui.inspector;

import dev.clawscope.journal.Subscription;

/**
 * A header's model, whichever the session: it follows its session's current status while the
 * window shows ({@link #follow()}) and runs the clock its clock-driven facts count to. FX thread.
 */
sealed interface SessionHeader permits HeaderModel, ClientHeaderModel {

    /** Follows the session's status, delivered on the FX thread, until the subscription is closed. */
    Subscription follow();

    /** Starts the clock (the window shows). */
    void start();

    /** Stops the clock (the window hides). */
    void stop();
}
