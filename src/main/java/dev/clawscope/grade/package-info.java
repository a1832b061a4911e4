/**
 * {@code clawscope grade}: a lifecycle conformance suite for any OpenClaw client. Each check
 * ({@link dev.clawscope.grade.CheckId}) starts the client command in fresh processes against its
 * own embedded simulator behind its own {@link dev.clawscope.observe.Observer}, injects one fault
 * and decides from the observer's {@code peer_*} journal lines; {@link dev.clawscope.grade.Grader}
 * runs the checks side by side and {@link dev.clawscope.grade.GradeReport} writes
 * {@code report.json} and {@code report.md}, beside a redacted proof bundle and a redacted
 * {@code client.log} per check.
 *
 * <p>Free of desktop toolkits: the caller supplies the proof bundle writer (and with it the PNG
 * renderer).
 */
package dev.clawscope.grade;
