package dev.clawscope.protocol;

import java.util.Optional;

/** The closed set of operator scopes (§3.3). */
public enum OperatorScope {
    READ("operator.read"),
    WRITE("operator.write"),
    ADMIN("operator.admin"),
    APPROVALS("operator.approvals"),
    QUESTIONS("operator.questions"),
    PAIRING("operator.pairing"),
    TALK("operator.talk"),
    TALK_SECRETS("operator.talk.secrets"),
    SESSIONS_READ("operator.sessions.read"),
    SESSIONS_WRITE("operator.sessions.write");

    private final String wire;

    OperatorScope(String wire) {
        this.wire = wire;
    }

    /** The exact string sent on the wire. */
    public String wire() {
        return wire;
    }

    public static Optional<OperatorScope> fromWire(String value) {
        return WireValues.find(OperatorScope.class, OperatorScope::wire, value);
    }

    /** For user input: throws an IllegalArgumentException that lists the accepted values. */
    public static OperatorScope parse(String value) {
        return WireValues.require(OperatorScope.class, OperatorScope::wire, value, "operator scope");
    }

    /** Comma-separated list of every accepted wire value. */
    public static String allowedValues() {
        return WireValues.list(OperatorScope.class, OperatorScope::wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
