package dev.clawscope.observe;

import dev.clawscope.chaos.ByteSink;

/** What a {@link WireReader} found, told to its connection on the relay's I/O thread. */
interface WireEvents {

    /** What to do with a frame whose header just arrived. */
    enum Action {
        /** Relay it as it comes. */
        FORWARD,
        /** Relay nothing of it. */
        DROP,
        /** Keep it whole, then let {@link #held} decide (only for frames up to the hold limit). */
        HOLD
    }

    /**
     * The HTTP head of {@code from} arrived whole.
     *
     * @return true when WebSocket frames follow it in this direction
     */
    boolean head(Side from, String head, long nanos);

    /** A head that was not HTTP or was too long; the direction is relayed without decoding from now on. */
    void problem(Side from, String problem, long nanos);

    Action frameStarts(Side from, WireHeader header);

    /** A control frame arrived whole; {@code payload} is unmasked. */
    void control(Side from, int opcode, byte[] payload, long nanos);

    /** A text message arrived whole and is valid UTF-8; {@code message[0, length)}. */
    void text(Side from, byte[] message, int length, long nanos);

    /** A data frame (or message) was relayed but not decoded; {@code why} as in {@code peer_frame_skipped}. */
    void skipped(Side from, int opcode, long length, String why, long nanos);

    /**
     * A frame kept whole on {@link Action#HOLD}: {@code raw} as it arrived, {@code payload} unmasked.
     * Emit {@code raw} to {@code out} to pass it on, or something else instead.
     */
    void held(Side from, byte[] raw, byte[] payload, WireHeader header, ByteSink out, long nanos);

    /** The direction's source ended, with a FIN or, with {@code reset}, an error. */
    void ended(Side from, boolean reset, long nanos);

    /** Whether the upgrade agreed to permessage-deflate, so RSV1 marks a compressed message. */
    boolean compressionAgreed();
}
