package dev.clawscope.protocol;

import java.util.Optional;

/** The outcome of {@link FrameCodec#decode}: a frame or a typed failure, never an exception. */
public sealed interface DecodeResult permits Decoded, DecodeFailure {

    /** The frame, or empty on failure. */
    Optional<Frame> toOptional();
}
