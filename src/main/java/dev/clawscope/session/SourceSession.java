package dev.clawscope.session;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Source;
import dev.clawscope.proof.PngRenderer;
import dev.clawscope.proof.ProofBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One source's session, as the window reads it whatever the source: this app's link to a gateway
 * ({@link GatewaySession}) or another client under observation ({@link ObserveSession}). Its journal
 * and {@link Source}, what it is about in words, the faults it offers and the proof export. What
 * is current differs by kind (the link's {@code LinkStatus}, an observed client's
 * {@link ObservedStatus}), so a reader that shows it tells the two apart; the interface is sealed for
 * that. Methods may block briefly (a fault is in force when {@link #inject} returns, export writes
 * files): callers keep them off a UI thread.
 */
public sealed interface SourceSession extends AutoCloseable permits GatewaySession, ObserveSession {

    /** Whose journal this session keeps; what the window's title and a bundle name. */
    Source source();

    Journal journal();

    /** Where the choice of this session came from, said once when the window opens (never a credential). */
    String origin();

    /** What the session is about as people read it: the gateway, or the observed client's relay. */
    String label();

    /** The faults it offers, in menu order; empty when it injects none. */
    List<FaultOption> faults();

    /**
     * Journals {@code fault_injected{kind}} and puts {@code fault} in force.
     *
     * @throws IllegalArgumentException if this session does not offer that sort of fault
     * @throws IllegalStateException if it injects none or is closed
     */
    void inject(FaultOption fault);

    /** Writes a redacted proof bundle of everything journaled so far into {@code dir}. */
    ProofBundle exportProof(Path dir, PngRenderer png, RedactionRules rules) throws IOException;

    /** Closes the session, bounded; idempotent. */
    @Override
    void close();
}
