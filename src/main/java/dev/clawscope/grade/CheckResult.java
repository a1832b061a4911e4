package dev.clawscope.grade;

import java.util.Objects;

/**
 * One line of the report.
 *
 * @param id        the check
 * @param verdict   pass, fail or skip
 * @param measured  what the grader measured, e.g. {@code noticed after 25.1 s; back after 26.3 s}
 * @param threshold the pass condition with its threshold, as written into the report
 * @param detail    one line of reason or evidence
 * @param connected whether the client opened at least one connection during the check
 */
public record CheckResult(CheckId id, Verdict verdict, String measured, String threshold, String detail,
        boolean connected) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether this result makes the run fail (an informational check never does). */
    public boolean failsTheRun() {
        return verdict == Verdict.FAIL && !id.informational();
    }
}
