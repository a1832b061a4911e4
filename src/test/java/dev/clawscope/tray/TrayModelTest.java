package dev.clawscope.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.LinkState;
import dev.clawscope.operator.ExecDecision;
import dev.clawscope.operator.PendingExecApproval;
import dev.clawscope.operator.PendingPairing;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Icon states, the menu per state, and which notifications are shown when. */
class TrayModelTest {

    @Test
    void everyLinkStateMapsToOneBadge() {
        Map<LinkState, TrayStatus> expected = new EnumMap<>(LinkState.class);
        expected.put(LinkState.IDLE, TrayStatus.GREY);
        expected.put(LinkState.CONNECTING, TrayStatus.AMBER);
        expected.put(LinkState.HANDSHAKING, TrayStatus.AMBER);
        expected.put(LinkState.CONNECTED, TrayStatus.GREEN);
        expected.put(LinkState.BACKOFF, TrayStatus.AMBER);
        expected.put(LinkState.PAUSED, TrayStatus.RED);
        expected.put(LinkState.DISCONNECTED, TrayStatus.GREY);
        expected.put(LinkState.DISPOSING, TrayStatus.GREY);
        expected.put(LinkState.DISPOSED, TrayStatus.GREY);
        for (LinkState state : LinkState.values()) {
            assertEquals(expected.get(state), TrayStatus.of(state, false, false), state.toString());
        }
        assertEquals(TrayStatus.RED, TrayStatus.of(LinkState.BACKOFF, false, true), "failing");
        assertEquals(TrayStatus.AMBER, TrayStatus.of(LinkState.BACKOFF, true, true), "pairing pending wins");
        assertEquals(TrayStatus.RED, TrayStatus.of(LinkState.PAUSED, true, false), "a pause is red");
    }

    @Test
    void iconsHaveTheStatusColourInTheBadge() {
        for (TrayStatus status : TrayStatus.values()) {
            var image = TrayIcons.render(status, 32);
            int argb = image.getRGB(25, 25);
            assertEquals(TrayIcons.badgeColor(status).getRGB(), argb | 0xff000000, status.toString());
        }
    }

    private static TrayMenu.Input input(LinkState state, List<PendingPairing> pairings,
            List<PendingExecApproval> approvals, boolean scopes) {
        return new TrayMenu.Input(state, TrayStatus.of(state, false, false), "ws://127.0.0.1:18789", pairings, scopes,
                approvals, scopes, "http://127.0.0.1:18789/", false);
    }

    private static TrayMenu.Item item(List<TrayMenu.Item> menu, String prefix) {
        return menu.stream().filter(i -> i.label().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void connectAndDisconnectAreEnabledByState() {
        for (LinkState state : LinkState.values()) {
            List<TrayMenu.Item> menu = TrayMenu.build(input(state, List.of(), List.of(), true));
            boolean live = state == LinkState.CONNECTED || state == LinkState.CONNECTING
                    || state == LinkState.HANDSHAKING || state == LinkState.BACKOFF;
            boolean gone = state == LinkState.DISPOSING || state == LinkState.DISPOSED;
            assertEquals(!live && !gone, item(menu, "Connect").enabled(), "Connect in " + state);
            assertEquals(live || state == LinkState.PAUSED, item(menu, "Disconnect").enabled(), "Disconnect in " + state);
            assertTrue(item(menu, "Open inspector").enabled());
            assertTrue(item(menu, "Quit").enabled());
            assertTrue(menu.get(0).label().startsWith("Clawscope: "), "the state line comes first");
            assertFalse(menu.get(0).enabled());
        }
    }

    @Test
    void pendingApprovalsBecomeSubmenusWithTheirDecisions() {
        PendingPairing pairing = new PendingPairing("req-1", "abcdef123456", "Pixel", "android", "openclaw-android",
                List.of("operator.read"), 0);
        PendingExecApproval exec = new PendingExecApproval("ex-1", "make deploy", "gateway", 0, 0);
        List<TrayMenu.Item> menu = TrayMenu.build(input(LinkState.CONNECTED, List.of(pairing), List.of(exec), true));
        TrayMenu.Item pending = item(menu, "Pending approvals");
        assertEquals("Pending approvals (2)", pending.label());
        assertTrue(pending.enabled());
        TrayMenu.Item pair = pending.children().get(0);
        assertEquals("Pair: Pixel (android, openclaw-android) wants operator.read", pair.label());
        assertEquals(List.of("Approve", "Reject"), pair.children().stream().map(TrayMenu.Item::label).toList());
        assertEquals(new TrayMenu.Command(TrayMenu.Command.Kind.APPROVE_PAIRING, "req-1"), pair.children().get(0).command());
        TrayMenu.Item run = pending.children().get(1);
        assertEquals(List.of("Allow once", "Allow always", "Deny"),
                run.children().stream().map(TrayMenu.Item::label).toList());
        assertEquals(ExecDecision.ALLOW_ALWAYS, TrayMenu.decision(run.children().get(1).command().kind()));
        assertEquals("ex-1", run.children().get(2).command().target());

        TrayMenu.Item none = item(TrayMenu.build(input(LinkState.CONNECTED, List.of(), List.of(), true)),
                "Pending approvals");
        assertEquals("Pending approvals (0)", none.label());
        assertFalse(none.enabled(), "nothing to open");
        TrayMenu.Item noScope = item(TrayMenu.build(input(LinkState.CONNECTED, List.of(pairing), List.of(), false)),
                "Pending approvals");
        assertTrue(noScope.label().contains("lacks operator.pairing"), noScope.label());
    }

    @Test
    void anOutageIsAnnouncedOnlyAfterTenSecondsAndItsRecoveryOnce() {
        Notifications n = new Notifications(10_000);
        assertEquals(Optional.empty(), n.onState(LinkState.CONNECTED, "", 0));
        assertEquals(Optional.empty(), n.onState(LinkState.BACKOFF, "", 1_000));
        assertEquals(Optional.empty(), n.onTick(10_999), "a blip says nothing");
        assertEquals(Optional.empty(), n.onState(LinkState.CONNECTED, "", 5_000), "back quickly: no recovery note");
        assertEquals(Optional.empty(), n.onState(LinkState.BACKOFF, "", 20_000));
        assertEquals(Optional.empty(), n.onTick(29_000));
        Notifications.Note down = n.onTick(30_000).orElseThrow();
        assertEquals("Gateway link down", down.title());
        assertEquals(Optional.empty(), n.onTick(31_000), "once");
        assertEquals(Optional.empty(), n.onState(LinkState.CONNECTING, "", 32_000));
        Notifications.Note up = n.onState(LinkState.CONNECTED, "", 44_000).orElseThrow();
        assertEquals("Gateway link recovered", up.title());
        assertEquals("Connected again after 24 s.", up.text());
        assertEquals(Optional.empty(), n.onState(LinkState.DISCONNECTED, "", 50_000));
        assertEquals(Optional.empty(), n.onTick(70_000), "a disconnect on purpose is no outage");
    }

    @Test
    void pausesPairingsAndApprovalsAreAnnouncedOnceEach() {
        Notifications n = new Notifications(10_000);
        Notifications.Note paused = n.onState(LinkState.PAUSED, "Use this gateway's gateway.auth.token", 0).orElseThrow();
        assertEquals(Notifications.Note.Kind.ERROR, paused.kind());
        assertTrue(paused.text().contains("gateway.auth.token"));
        assertEquals(Optional.empty(), n.onState(LinkState.PAUSED, "again", 1));
        PendingPairing p = new PendingPairing("r", "d", null, "linux", "cli", List.of(), 0);
        assertTrue(n.onPairingRequested(p).isPresent());
        assertEquals(Optional.empty(), n.onPairingRequested(p));
        PendingExecApproval a = new PendingExecApproval("x", "ls", null, 0, 0);
        assertTrue(n.onExecApprovalRequested(a).orElseThrow().text().startsWith("ls."));
        assertEquals(Optional.empty(), n.onExecApprovalRequested(a));
    }
}
