/**
 * The proof bundle: a folder with the redacted {@code journal.jsonl}, a {@code summary.md} ready
 * to paste into a pull request, a {@code timeline.svg} (and optionally a PNG of it) and a
 * {@code manifest.json} with versions and SHA-256 hashes. Everything here is computed from
 * journal entries, and from what {@link dev.clawscope.proof.BundleInfo} adds when the caller has a
 * link: its own record of attempts and hello-oks, and how many entries the journal's ring dropped.
 * {@link dev.clawscope.proof.ProofBundleWriter} is the entry point.
 *
 * <p>Free of desktop toolkits: the PNG comes from a {@link dev.clawscope.proof.PngRenderer} that
 * the caller supplies.
 */
package dev.clawscope.proof;
