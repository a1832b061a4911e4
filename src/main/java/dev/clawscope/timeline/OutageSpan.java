package dev.clawscope.timeline;

/**
 * One outage on the journal clock (mono ms): the link was connected, something broke at {@code
 * faultMs}, the link noticed and left {@code connected} at {@code downMs}, and was connected
 * again at {@code upMs}. From fault to detection is the undetected part, what detection latency
 * measures; it is empty ({@code faultMs == downMs}) when nothing tells when the fault began.
 *
 * @param faultMs when the fault began: the last injected fault while connected, else the start of
 *                the silence a liveness timeout reported, else {@code downMs}
 * @param downMs  when the link left {@code connected} (not by the user's disconnect or dispose)
 * @param upMs    when it was {@code connected} again; NaN while it is not
 * @param helloMs when the gateway accepted the link again ({@code hello_ok}), which ends the
 *                outage for people; NaN until then
 */
public record OutageSpan(double faultMs, double downMs, double upMs, double helloMs) {

    public OutageSpan {
        if (!(faultMs <= downMs)) {
            throw new IllegalArgumentException("the fault must not follow its detection: " + faultMs + " > " + downMs);
        }
    }

    public boolean recovered() {
        return !Double.isNaN(upMs);
    }

    /** From the fault to its detection; 0 when the fault's start is unknown. */
    public double undetectedMs() {
        return downMs - faultMs;
    }

    /** From going down until {@code hello_ok} (or {@code connected}, without one); NaN while down. */
    public double recoveredAfterMs() {
        return (Double.isNaN(helloMs) ? upMs : helloMs) - downMs;
    }

    /** {@code down 7.1 s}, or {@code down, not recovered}. */
    public String downLabel() {
        return recovered() ? "down " + Seconds.of(recoveredAfterMs()) : "down, not recovered";
    }

    /** {@code undetected 11.0 s}: from the fault to its detection. */
    public String undetectedLabel() {
        return "undetected " + Seconds.of(undetectedMs());
    }

    /** The end of the outage, or {@code now} while it lasts. */
    public double endOr(double now) {
        return recovered() ? upMs : now;
    }
}
