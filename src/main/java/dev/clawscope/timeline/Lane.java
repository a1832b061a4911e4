package dev.clawscope.timeline;

/** The swimlanes, top to bottom. */
public enum Lane {
    STATE("Link state"), HEARTBEAT("Heartbeats"), RECONNECT("Reconnects"), FAULT("Faults"), DISPOSAL("Disposal");

    private final String title;

    Lane(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
