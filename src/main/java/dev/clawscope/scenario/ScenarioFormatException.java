package dev.clawscope.scenario;

/** A scenario file that cannot be read; the message names the place (JSON line, setting or step) and the problem. */
public final class ScenarioFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScenarioFormatException(String message) {
        super(message);
    }

    public ScenarioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
