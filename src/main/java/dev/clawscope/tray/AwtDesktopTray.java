package dev.clawscope.tray;

import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.lang.reflect.InvocationTargetException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The tray through AWT's {@link SystemTray}. Every AWT call runs on the AWT event thread; clicks
 * are handed to the caller's command handler there, which must not block.
 */
public final class AwtDesktopTray implements DesktopTray {

    private TrayIcon icon;
    private final Map<TrayStatus, java.awt.Image> images = new EnumMap<>(TrayStatus.class);
    private Consumer<TrayMenu.Command> onCommand = c -> { };
    private String unavailable = "";
    private List<TrayMenu.Item> shownMenu = List.of();
    /** What the icon shows now; AWT event thread. */
    private TrayStatus shownStatus = TrayStatus.GREY;
    private String shownTooltip = "Clawscope";

    @Override
    public boolean install(Consumer<TrayMenu.Command> commands, Runnable onOpen) {
        if (GraphicsEnvironment.isHeadless()) {
            unavailable = "no display (headless)";
            return false;
        }
        AtomicBoolean added = new AtomicBoolean();
        AtomicReference<String> why = new AtomicReference<>("");
        onAwt(() -> {
            if (!SystemTray.isSupported()) {
                why.set("this desktop offers no system tray (no XEmbed/StatusNotifier host, e.g. plain Wayland)");
                return;
            }
            SystemTray tray = SystemTray.getSystemTray();
            Dimension size = tray.getTrayIconSize();
            int px = Math.max(16, Math.min(size.width, size.height));
            for (TrayStatus status : TrayStatus.values()) {
                images.put(status, TrayIcons.render(status, px));
            }
            onCommand = commands;
            icon = new TrayIcon(images.get(TrayStatus.GREY), "Clawscope");
            icon.setImageAutoSize(true);
            icon.addActionListener(e -> onOpen.run());
            icon.setPopupMenu(new PopupMenu());
            try {
                tray.add(icon);
                added.set(true);
            } catch (AWTException e) {
                why.set("the tray refused the icon: " + e.getMessage());
            }
        });
        unavailable = why.get();
        return added.get();
    }

    @Override
    public void update(TrayStatus status, String tooltip, List<TrayMenu.Item> menu) {
        EventQueue.invokeLater(() -> {
            if (icon == null) {
                return;
            }
            // Each change repaints the icon in the tray host (and, for the tooltip, rebuilds its text):
            // only what changed is set, so a steady link costs the desktop nothing each second.
            if (status != shownStatus) {
                shownStatus = status;
                icon.setImage(images.get(status));
            }
            if (!tooltip.equals(shownTooltip)) {
                shownTooltip = tooltip;
                icon.setToolTip(tooltip);
            }
            if (!menu.equals(shownMenu)) {
                shownMenu = menu;
                PopupMenu popup = icon.getPopupMenu();
                popup.removeAll();
                fill(popup, menu);
            }
        });
    }

    private void fill(Menu parent, List<TrayMenu.Item> items) {
        for (TrayMenu.Item item : items) {
            if (item.isSeparator()) {
                parent.addSeparator();
            } else if (!item.children().isEmpty() || (item.command() == null && item.enabled())) {
                Menu sub = new Menu(item.label());
                sub.setEnabled(item.enabled());
                fill(sub, item.children());
                parent.add(sub);
            } else {
                MenuItem entry = new MenuItem(item.label());
                entry.setEnabled(item.enabled());
                TrayMenu.Command command = item.command();
                if (command != null) {
                    entry.addActionListener(e -> onCommand.accept(command));
                }
                parent.add(entry);
            }
        }
    }

    @Override
    public void notify(Notifications.Note note) {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                icon.displayMessage(note.title(), note.text(), switch (note.kind()) {
                    case INFO -> TrayIcon.MessageType.INFO;
                    case WARNING -> TrayIcon.MessageType.WARNING;
                    case ERROR -> TrayIcon.MessageType.ERROR;
                });
            }
        });
    }

    /** Posts the removal to the AWT event thread and returns at once: the caller may be a UI thread. */
    @Override
    public void remove() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    /** The icon's current popup, for tests and screenshots. */
    public PopupMenu popup() {
        return icon == null ? null : icon.getPopupMenu();
    }

    public boolean installed() {
        return icon != null;
    }

    private static void onAwt(Runnable action) {
        if (EventQueue.isDispatchThread()) {
            action.run();
            return;
        }
        try {
            EventQueue.invokeAndWait(action);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("tray setup failed", e.getCause());
        }
    }
}
