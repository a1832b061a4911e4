package dev.clawscope.sim;

/** How the simulator answers a device it has not paired yet. */
public enum PairingMode {
    /** Approve silently, as a real gateway does for a direct loopback connection. */
    AUTO,
    /** Hold the device in a pending request until it is approved or rejected. */
    MANUAL
}
