package dev.clawscope.tray;

import dev.clawscope.link.LinkState;
import dev.clawscope.operator.PendingExecApproval;
import dev.clawscope.operator.PendingPairing;
import java.awt.SystemTray;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own with {@code DISPLAY} set (see {@link TraySmokeTest}): installs the real
 * AWT tray icon with a connected-state menu holding one pending pairing and one exec approval,
 * prints what it found as {@code key=value} lines, and keeps the icon until stdin closes or says
 * {@code quit}. Not a test by itself.
 */
public final class TraySmoke {

    private TraySmoke() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("supported=" + SystemTray.isSupported());
        AwtDesktopTray tray = new AwtDesktopTray();
        boolean installed = tray.install(command -> System.out.println("command=" + command.kind()), () -> { });
        System.out.println("installed=" + installed);
        if (!installed) {
            System.out.println("reason=" + tray.unavailableReason());
            return;
        }
        PendingPairing pairing = new PendingPairing("req-7f3a", "9c1e44aa01", "Pixel 8", "android", "openclaw-android",
                List.of("operator.read"), 0);
        PendingExecApproval exec = new PendingExecApproval("ex-1", "npm run deploy", "gateway", 0, 0);
        List<TrayMenu.Item> menu = TrayMenu.build(new TrayMenu.Input(LinkState.CONNECTED, TrayStatus.GREEN,
                "ws://127.0.0.1:18789", List.of(pairing), true, List.of(exec), true, "http://127.0.0.1:18789/", false));
        CountDownLatch shown = new CountDownLatch(1);
        tray.update(TrayStatus.GREEN, "Clawscope connected · ws://127.0.0.1:18789 · last heartbeat 3 s ago", menu);
        java.awt.EventQueue.invokeLater(shown::countDown);
        shown.await(5, TimeUnit.SECONDS);
        System.out.println("icons=" + SystemTray.getSystemTray().getTrayIcons().length);
        System.out.println("menu-items=" + tray.popup().getItemCount());
        System.out.println("ready");
        System.out.flush();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("quit")) {
                break;
            }
        }
        tray.remove();
        System.exit(0);
    }
}
