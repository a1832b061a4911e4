package dev.clawscope.proof;

/**
 * Connect attempts and hello-oks of a run: from the link's own record when the bundle has one
 * (the journal may have dropped entries), else counted in the journal.
 *
 * @param fromLink true when the counts come from the link's record
 * @param wholeRun true when they cover the whole run: from the link, or from a journal that dropped nothing
 */
record LinkCounts(long connectAttempts, long helloOks, boolean fromLink, boolean wholeRun) {

    static LinkCounts of(JournalStats stats, BundleInfo info) {
        return info.history()
                .map(h -> new LinkCounts(h.connectAttempts(), h.helloOks(), true, true))
                .orElse(new LinkCounts(stats.connectAttempts(), stats.helloOks(), false, info.droppedEntries() == 0));
    }

    boolean everConnected() {
        return helloOks > 0;
    }

    /** {@code 2, connected at least once}, {@code 0, never connected} or {@code 1 in the kept journal}. */
    String helloOkLine() {
        String meaning = !wholeRun ? " in the kept journal"
                : everConnected() ? ", connected at least once" : ", never connected";
        return helloOks + meaning + (fromLink ? " (the link's own record)" : "");
    }

    /** The gateway row when no hello-ok is in the kept journal. */
    String unknownGateway() {
        if (everConnected()) {
            return "unknown (its hello-ok is not in the kept journal)";
        }
        return wholeRun ? "unknown (no hello-ok)" : "unknown (no hello-ok in the kept journal)";
    }
}
