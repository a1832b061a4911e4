package dev.clawscope.archfixture;

import dev.clawscope.archcycle.CycleB;

/** One half of a deliberate package cycle, used to show that the cycle rule bites. */
public final class CycleA {

    public CycleB partner() {
        return new CycleB();
    }
}
