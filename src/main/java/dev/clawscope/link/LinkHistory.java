package dev.clawscope.link;

/**
 * What a link has done since it was created, counted by the link itself on its owner thread: the
 * truth for exit codes and summaries, independent of the bounded journal, which may drop entries
 * under a flood.
 *
 * @param connectAttempts sockets the link started to open
 * @param helloOks        handshakes that ended in hello-ok
 * @param pauseReason     why the link paused last ({@code auth}, {@code pairing}, …), or {@code null}
 *                        when it has not paused since its last hello-ok or user connect
 * @param pauseDetail     the gateway's detail code of that pause, or {@code null}
 */
public record LinkHistory(long connectAttempts, long helloOks, String pauseReason, String pauseDetail) {

    /** A link that has done nothing yet. */
    public static final LinkHistory NONE = new LinkHistory(0, 0, null, null);

    /** True once any connection reached hello-ok. */
    public boolean everConnected() {
        return helloOks > 0;
    }

    /**
     * This history followed by {@code later}'s, as of two links one after the other into one
     * journal: the counts add up, and the pause is the later link's.
     */
    public LinkHistory then(LinkHistory later) {
        return new LinkHistory(connectAttempts + later.connectAttempts, helloOks + later.helloOks, later.pauseReason,
                later.pauseDetail);
    }

    LinkHistory attempted() {
        return new LinkHistory(connectAttempts + 1, helloOks, pauseReason, pauseDetail);
    }

    LinkHistory connected() {
        return new LinkHistory(connectAttempts, helloOks + 1, null, null);
    }

    LinkHistory paused(String reason, String detail) {
        return new LinkHistory(connectAttempts, helloOks, reason, detail);
    }

    LinkHistory resumed() {
        return new LinkHistory(connectAttempts, helloOks, null, null);
    }
}
