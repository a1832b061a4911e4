package dev.clawscope.tray;

import java.util.List;
import java.util.function.Consumer;

/** A tray that installs at once, shows nothing and keeps the last status it was given. */
public final class RecordingTray implements DesktopTray {

    private volatile TrayStatus status;

    /** The last status the controller showed, or null before the first. */
    public TrayStatus status() {
        return status;
    }

    @Override
    public boolean install(Consumer<TrayMenu.Command> onCommand, Runnable onOpen) {
        return true;
    }

    @Override
    public void update(TrayStatus status, String tooltip, List<TrayMenu.Item> menu) {
        this.status = status;
    }

    @Override
    public void notify(Notifications.Note note) {
    }

    @Override
    public void remove() {
    }

    @Override
    public String unavailableReason() {
        return "";
    }
}
