package dev.clawscope.protocol;

import java.util.Objects;
import java.util.Optional;

/** A successfully decoded frame. */
public record Decoded(Frame frame) implements DecodeResult {

    public Decoded {
        Objects.requireNonNull(frame, "frame");
    }

    @Override
    public Optional<Frame> toOptional() {
        return Optional.of(frame);
    }
}
