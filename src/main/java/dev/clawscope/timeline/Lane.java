package dev.clawscope.timeline;

import dev.clawscope.journal.Source;
import java.util.List;

/**
 * The swimlanes, top to bottom. This app's link uses all but {@link #RPC}; an observed client all but
 * {@link #DISPOSAL} (its disposal is not seen), with the state lane showing its connections.
 */
public enum Lane {
    STATE("Link state"), HEARTBEAT("Heartbeats"), RECONNECT("Reconnects"), FAULT("Faults"), DISPOSAL("Disposal"),
    /** An observed client's calls and their answers. */
    RPC("RPC");

    private static final List<Lane> LINK = List.of(STATE, HEARTBEAT, RECONNECT, FAULT, DISPOSAL);
    private static final List<Lane> OBSERVED = List.of(STATE, HEARTBEAT, RECONNECT, FAULT, RPC);

    private final String title;

    Lane(String title) {
        this.title = title;
    }

    /** The title on this app's own link's timeline. */
    public String title() {
        return title;
    }

    /** The title on the timeline of {@code source}: an observed client's state lane shows its connections. */
    public String title(Source.Kind source) {
        return this == STATE && source == Source.Kind.OBSERVED_CLIENT ? "Connections" : title;
    }

    /** The lanes a timeline of {@code source} draws, top to bottom. */
    public static List<Lane> of(Source.Kind source) {
        return source == Source.Kind.OBSERVED_CLIENT ? OBSERVED : LINK;
    }
}
