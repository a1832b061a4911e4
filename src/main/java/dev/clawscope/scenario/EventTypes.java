package dev.clawscope.scenario;

import java.util.Set;

/** The journal line types of the contract in DESIGN.md, for checking scenario text early. */
final class EventTypes {

    static final Set<String> ALL = Set.of("state_changed", "connect_attempt", "socket_open", "challenge", "hello_ok",
            "handshake_failed", "tick", "ws_ping_sent", "ws_pong", "server_ping", "probe_sent", "probe_ok",
            "probe_failed", "seq_gap", "shutdown_notice", "liveness_timeout", "closed", "reconnect_scheduled",
            "reconnect_paused", "disconnect_requested", "dispose_begin", "dispose_end", "listener_fault",
            "fault_injected", "error", "hint_clamped");

    private EventTypes() {
    }
}
