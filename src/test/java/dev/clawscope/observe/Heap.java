package dev.clawscope.observe;

import java.lang.management.ManagementFactory;

/** Heap in use, measured after collecting garbage, for tests that bound what a run keeps. */
final class Heap {

    static final long MIB = 1024 * 1024;

    private Heap() {
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
