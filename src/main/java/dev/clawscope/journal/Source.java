package dev.clawscope.journal;

import java.util.Locale;
import java.util.Objects;

/**
 * Whose events a journal holds: this app's own link to one gateway, or (with {@code observe}) a
 * client under observation. One journal belongs to one source; a proof bundle and the window name
 * it. Never holds a secret: the id and name are built from display forms (no query, no token).
 *
 * @param kind        what sort of source
 * @param id          stable for the source across runs, e.g. {@code link:ws://127.0.0.1:18789}
 * @param displayName what people read, e.g. {@code Clawscope inspector → ws://127.0.0.1:18789}
 */
public record Source(Kind kind, String id, String displayName) {

    /** What sort of source; {@link #wire()} is the name written into bundles. */
    public enum Kind {
        /** This app's own link to a gateway. */
        GATEWAY_LINK,
        /** A third-party client whose connection is observed. */
        OBSERVED_CLIENT;

        /** Snake case, e.g. {@code gateway_link}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Source {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (id.isBlank() || displayName.isBlank()) {
            throw new IllegalArgumentException("a source needs an id and a name");
        }
    }

    /**
     * This app's link to the gateway shown as {@code gateway}.
     *
     * @param client  the client's display name, e.g. {@code Clawscope inspector}
     * @param gateway the gateway's display form (no credentials)
     */
    public static Source gatewayLink(String client, String gateway) {
        return new Source(Kind.GATEWAY_LINK, "link:" + gateway, client + " \u2192 " + gateway);
    }

    /**
     * This app's link to an embedded simulator started for the run, on a port of its own each time:
     * the id names the sort of run, e.g. {@code link:demo}, rather than the address.
     *
     * @param run       what the simulator serves, e.g. {@code demo} (the window) or {@code sim} (a scenario)
     * @param client    the client's display name
     * @param simulator the simulator as people read it, e.g. {@code embedded simulator on ws://127.0.0.1:41234/}
     */
    public static Source simulatorLink(String run, String client, String simulator) {
        return new Source(Kind.GATEWAY_LINK, "link:" + run, client + " \u2192 " + simulator);
    }
}
