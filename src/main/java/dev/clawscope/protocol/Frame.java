package dev.clawscope.protocol;

/**
 * One gateway WebSocket frame, discriminated on the wire by {@code type}.
 *
 * <p>The records are plain carriers: {@link FrameCodec} validates on both sides (the reader
 * returns a typed {@link DecodeFailure}, the writer throws {@link IllegalArgumentException}).
 */
public sealed interface Frame permits RequestFrame, ResponseFrame, EventFrame {

    /** The wire value of {@code type}: {@code req}, {@code res} or {@code event}. */
    String type();
}
