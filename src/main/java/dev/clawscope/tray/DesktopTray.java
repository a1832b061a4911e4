package dev.clawscope.tray;

import java.util.List;
import java.util.function.Consumer;

/**
 * A status icon in the desktop's tray. {@link #install} reports whether there is a tray at all;
 * where there is none (some Linux desktops, Wayland without an XEmbed host) the app works as a
 * window alone.
 */
public interface DesktopTray {

    /**
     * Adds the icon; false when this desktop has no tray.
     *
     * @param onCommand called, off any UI thread's critical path, for each menu click
     * @param onOpen called when the icon itself is activated (double-click)
     */
    boolean install(Consumer<TrayMenu.Command> onCommand, Runnable onOpen);

    /** Shows {@code status} on the icon, {@code tooltip} on hover and {@code menu} on click. */
    void update(TrayStatus status, String tooltip, List<TrayMenu.Item> menu);

    /** A tray message (balloon / notification). */
    void notify(Notifications.Note note);

    /** Removes the icon; never blocks (the window's thread calls it on close). */
    void remove();

    /** Why there is no tray, when {@link #install} returned false. */
    String unavailableReason();
}
