package dev.clawscope.archcycle;

import dev.clawscope.archfixture.CycleA;

/** The other half of the deliberate package cycle (see {@link CycleA}). */
public final class CycleB {

    public CycleA partner() {
        return new CycleA();
    }
}
