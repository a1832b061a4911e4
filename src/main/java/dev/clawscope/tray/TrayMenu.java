package dev.clawscope.tray;

import dev.clawscope.link.LinkState;
import dev.clawscope.operator.ExecDecision;
import dev.clawscope.operator.PendingExecApproval;
import dev.clawscope.operator.PendingPairing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tray menu as data: what it shows and which items are enabled for a given state, built
 * without any toolkit so it can be tested as such. {@link Item#command()} says what a click does.
 */
public final class TrayMenu {

    private TrayMenu() {
    }

    /** What a click asks for; {@code target} is a request or approval id where one applies. */
    public record Command(Kind kind, String target) {
        public enum Kind {
            CONNECT, DISCONNECT, OPEN_INSPECTOR, OPEN_DASHBOARD, APPROVE_PAIRING, REJECT_PAIRING, ALLOW_ONCE,
            ALLOW_ALWAYS, DENY, EXPORT_PROOF, QUIT
        }

        static Command of(Kind kind) {
            return new Command(kind, null);
        }
    }

    /** A menu line: a label with a command, or a submenu ({@code children}), or a disabled text. */
    public record Item(String label, boolean enabled, Command command, List<Item> children) {
        public Item {
            Objects.requireNonNull(label, "label");
            children = List.copyOf(children);
        }

        static Item text(String label) {
            return new Item(label, false, null, List.of());
        }

        static Item action(String label, boolean enabled, Command command) {
            return new Item(label, enabled, command, List.of());
        }

        static Item menu(String label, List<Item> children) {
            return new Item(label, !children.isEmpty(), null, children);
        }

        public boolean isSeparator() {
            return label.equals("-");
        }
    }

    /** Everything the menu depends on. */
    public record Input(LinkState state, TrayStatus status, String gateway, List<PendingPairing> pairings,
            boolean canPair, List<PendingExecApproval> approvals, boolean canApprove, String dashboardUrl,
            boolean exportBusy) {
        public Input {
            pairings = List.copyOf(pairings);
            approvals = List.copyOf(approvals);
        }
    }

    static final Item SEPARATOR = Item.text("-");

    public static List<Item> build(Input in) {
        List<Item> items = new ArrayList<>();
        items.add(Item.text("Clawscope: " + in.status().words() + " · " + in.gateway()));
        items.add(SEPARATOR);
        boolean live = in.state() == LinkState.CONNECTED || in.state() == LinkState.CONNECTING
                || in.state() == LinkState.HANDSHAKING || in.state() == LinkState.BACKOFF;
        boolean gone = in.state() == LinkState.DISPOSING || in.state() == LinkState.DISPOSED;
        items.add(Item.action("Connect", !live && !gone, Command.of(Command.Kind.CONNECT)));
        items.add(Item.action("Disconnect", live || in.state() == LinkState.PAUSED,
                Command.of(Command.Kind.DISCONNECT)));
        items.add(SEPARATOR);
        items.add(Item.action("Open inspector", true, Command.of(Command.Kind.OPEN_INSPECTOR)));
        items.add(Item.action("Open dashboard", in.dashboardUrl() != null, Command.of(Command.Kind.OPEN_DASHBOARD)));
        items.add(approvalsMenu(in));
        items.add(SEPARATOR);
        items.add(Item.action(in.exportBusy() ? "Exporting proof…" : "Export proof", !in.exportBusy(),
                Command.of(Command.Kind.EXPORT_PROOF)));
        items.add(Item.action("Quit", true, Command.of(Command.Kind.QUIT)));
        return items;
    }

    private static Item approvalsMenu(Input in) {
        List<Item> children = new ArrayList<>();
        if (in.canPair()) {
            for (PendingPairing p : in.pairings()) {
                children.add(Item.menu("Pair: " + p.describe(), List.of(
                        Item.action("Approve", true, new Command(Command.Kind.APPROVE_PAIRING, p.requestId())),
                        Item.action("Reject", true, new Command(Command.Kind.REJECT_PAIRING, p.requestId())))));
            }
        }
        if (in.canApprove()) {
            for (PendingExecApproval a : in.approvals()) {
                children.add(Item.menu("Run: " + a.describe(), List.of(
                        Item.action("Allow once", true, new Command(Command.Kind.ALLOW_ONCE, a.id())),
                        Item.action("Allow always", true, new Command(Command.Kind.ALLOW_ALWAYS, a.id())),
                        Item.action("Deny", true, new Command(Command.Kind.DENY, a.id())))));
            }
        }
        int n = children.size();
        String label = "Pending approvals (" + n + ")";
        if (!in.canPair() && !in.canApprove()) {
            return Item.text(label + ": this connection lacks operator.pairing / operator.approvals");
        }
        return Item.menu(label, children);
    }

    /** The exec decision a command stands for. */
    public static ExecDecision decision(Command.Kind kind) {
        return switch (kind) {
            case ALLOW_ONCE -> ExecDecision.ALLOW_ONCE;
            case ALLOW_ALWAYS -> ExecDecision.ALLOW_ALWAYS;
            case DENY -> ExecDecision.DENY;
            default -> throw new IllegalArgumentException(kind + " is not an exec decision");
        };
    }
}
