package dev.clawscope.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Stands in for the terminal's Ctrl-C in command tests. */
final class FakeCtrlC implements InterruptTrap {

    final AtomicReference<Runnable> action = new AtomicReference<>();
    final AtomicBoolean released = new AtomicBoolean();

    @Override
    public Handle onInterrupt(Runnable onCtrlC) {
        action.set(onCtrlC);
        return () -> released.set(true);
    }

    void press() {
        action.get().run();
    }
}
