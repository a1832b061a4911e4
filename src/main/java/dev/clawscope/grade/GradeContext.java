package dev.clawscope.grade;

import dev.clawscope.journal.Redactor;
import dev.clawscope.proof.ProofBundleWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * What every check of one grading run shares: the client command, the output folder, one
 * redactor (so that pseudonyms agree across the run's bundles) and the bundle writer.
 *
 * @param maxLogBytes the bound of each {@code client.log}
 * @param starts      one permit: held by the check whose clients are starting (see {@link CheckRun#starting})
 */
record GradeContext(ClientCommand command, Path out, Redactor redactor, ProofBundleWriter writer, long maxLogBytes,
        Semaphore starts) {

    GradeContext {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(starts, "starts");
    }
}
