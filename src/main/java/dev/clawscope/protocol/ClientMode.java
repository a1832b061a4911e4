package dev.clawscope.protocol;

import java.util.Optional;

/** {@code client.mode}: a closed enum in the gateway schema. */
public enum ClientMode {
    WEBCHAT("webchat"),
    CLI("cli"),
    UI("ui"),
    BACKEND("backend"),
    NODE("node"),
    WORKER("worker"),
    PROBE("probe"),
    TEST("test");

    private final String wire;

    ClientMode(String wire) {
        this.wire = wire;
    }

    /** The exact string sent on the wire. */
    public String wire() {
        return wire;
    }

    public static Optional<ClientMode> fromWire(String value) {
        return WireValues.find(ClientMode.class, ClientMode::wire, value);
    }

    /** For user input: throws an IllegalArgumentException that lists the accepted values. */
    public static ClientMode parse(String value) {
        return WireValues.require(ClientMode.class, ClientMode::wire, value, "client mode");
    }

    /** Comma-separated list of every accepted wire value. */
    public static String allowedValues() {
        return WireValues.list(ClientMode.class, ClientMode::wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
