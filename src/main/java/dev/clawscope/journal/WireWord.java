package dev.clawscope.journal;

import java.util.Locale;

/**
 * A closed set of values written in the journal as fixed words; an event component may be one.
 * Implemented by enums whose constant names are the words in upper case.
 */
interface WireWord {

    String name();

    /** The word in the journal line, e.g. {@code ws_pong} for {@code WS_PONG}. */
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
