package dev.clawscope.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Lookup helpers shared by the closed wire enums. */
final class WireValues {

    private WireValues() {
    }

    static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<E, String> wire, String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (wire.apply(e).equals(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static <E extends Enum<E>> String list(Class<E> type, Function<E, String> wire) {
        return Arrays.stream(type.getEnumConstants()).map(wire).collect(Collectors.joining(", "));
    }

    static <E extends Enum<E>> E require(Class<E> type, Function<E, String> wire, String value, String what) {
        return find(type, wire, value).orElseThrow(() -> new IllegalArgumentException(
                what + " '" + value + "' is not one the gateway accepts; use one of: " + list(type, wire)));
    }
}
