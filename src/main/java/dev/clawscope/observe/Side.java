package dev.clawscope.observe;

import java.util.Locale;

/** Which end of an observed connection sent something. */
enum Side {
    CLIENT, SERVER;

    /** The word in journal lines: {@code client} or {@code server}. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
