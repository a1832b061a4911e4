package dev.clawscope.operator;

/** The three answers to an exec approval, as the gateway names them. */
public enum ExecDecision {
    ALLOW_ONCE("allow-once"), ALLOW_ALWAYS("allow-always"), DENY("deny");

    private final String wire;

    ExecDecision(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
