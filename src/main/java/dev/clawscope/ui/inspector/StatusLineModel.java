package dev.clawscope.ui.inspector;

import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status line at the window's foot: one message (the latest problem or result) and where the
 * gateway's address came from. The controls say how their commands went here, the events say when
 * the gateway cannot be reached, the application what loading the settings had to say. FX thread.
 */
public final class StatusLineModel {

    private final String origin;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    StatusLineModel(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The latest problem or result to show the user, one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Where the gateway's address came from (settings, a local OpenClaw config, …). */
    public String origin() {
        return origin;
    }

    /** Shows {@code text} until something newer replaces it (a notice from startup, say). */
    public void show(String text) {
        message.set(Objects.requireNonNull(text, "text"));
    }

    /** Clears the line when it still shows a message that starts with {@code prefix} (the problem went away). */
    void clearIfShowing(String prefix) {
        if (message.get().startsWith(prefix)) {
            message.set("");
        }
    }
}
