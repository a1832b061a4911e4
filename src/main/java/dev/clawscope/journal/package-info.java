/**
 * The link's journal: {@link dev.clawscope.journal.LinkEvent} records, the bounded {@link
 * dev.clawscope.journal.Journal} with isolated subscribers, and the JSONL line contract ({@link
 * dev.clawscope.journal.JournalJson}, {@link dev.clawscope.journal.JsonlWriter}) shared by the
 * CLI, the proof bundle and the tests.
 *
 * <p>No event carries a token, nonce, signature or key: secrets are kept out at the source.
 */
package dev.clawscope.journal;
