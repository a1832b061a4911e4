package dev.clawscope.operator;

import java.util.Objects;

/** A command waiting for the operator's decision ({@code exec.approval.requested}). */
public record PendingExecApproval(String id, String command, String host, long createdAtMs, long expiresAtMs) {

    public PendingExecApproval {
        Objects.requireNonNull(id, "id");
    }

    /** One line for a menu, the command shortened to 60 characters. */
    public String describe() {
        String cmd = command == null ? "(no command)" : command;
        return (cmd.length() > 60 ? cmd.substring(0, 57) + "…" : cmd) + (host == null ? "" : " on " + host);
    }
}
