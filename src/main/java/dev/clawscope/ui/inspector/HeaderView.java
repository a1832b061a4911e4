package dev.clawscope.ui.inspector;

import dev.clawscope.link.LinkState;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Palette;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The header: a state badge (icon and colour), the gateway, server version, connected-for, last
 * heartbeat RTT, reconnect count, the retry countdown in backoff, the operator's glance and what
 * to do when paused. Every text is bound to the {@link HeaderModel}: the clock-driven ones to its clock.
 * The badge takes its state's colour from the timeline's classification and palette ({@link
 * EventKinds#tone(LinkState)} in the theme's {@link Palette}), so a state looks the same in the header
 * and on the timeline.
 */
final class HeaderView extends VBox {

    private final StateBadge badge = new StateBadge();
    private final Label gateway = new Label();
    private final Label demo = new Label("Demo gateway");
    private final Label version = new Label();
    private final Label uptime = new Label();
    private final Label rtt = new Label();
    private final Label reconnects = new Label();
    private final Label retry = new Label();
    private final Label hint = new Label();
    private final Label glance = new Label();

    HeaderView(HeaderModel model) {
        getStyleClass().add("header");
        setPadding(new Insets(10, 12, 8, 12));
        setSpacing(6);

        gateway.setId("gateway-label");
        gateway.getStyleClass().add("gateway-label");
        gateway.setText(model.gatewayLabel());
        demo.setId("demo-badge");
        demo.getStyleClass().add("demo-badge");
        demo.setGraphic(new FontIcon(Feather.PLAY_CIRCLE));
        demo.setVisible(model.isDemo());
        demo.setManaged(model.isDemo());
        HBox top = new HBox(10, badge, gateway, demo);
        top.setAlignment(Pos.CENTER_LEFT);

        version.setId("server-version");
        uptime.setId("connected-for");
        rtt.setId("last-rtt");
        reconnects.setId("reconnect-count");
        retry.setId("retry-countdown");
        glance.setId("gateway-glance");
        glance.getStyleClass().add("glance");
        glance.setMaxWidth(Double.MAX_VALUE);
        glance.textProperty().bind(model.glanceProperty());
        version.textProperty().bind(Bindings.createStringBinding(() -> {
            String v = model.serverVersionProperty().get();
            return "Server " + (v.isEmpty() ? "–" : v);
        }, model.serverVersionProperty()));
        rtt.textProperty().bind(Bindings.createStringBinding(() -> {
            double last = model.lastRttMsProperty().get();
            return "Last heartbeat RTT " + (Double.isNaN(last) ? "–" : String.format(Locale.ROOT, "%.1f ms", last));
        }, model.lastRttMsProperty()));
        reconnects.textProperty().bind(Bindings.concat("Reconnects ", model.reconnectsProperty().asString()));
        uptime.textProperty().bind(Bindings.createStringBinding(() -> {
            double since = model.connectedSinceProperty().get();
            return "Connected for " + (Double.isNaN(since) ? "–" : formatDuration(model.nowProperty().get() - since));
        }, model.connectedSinceProperty(), model.nowProperty()));
        retry.visibleProperty().bind(model.countingDown());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.textProperty().bind(Bindings.createStringBinding(() -> {
            double due = model.nextRetryAtProperty().get();
            return Double.isNaN(due) ? "" : String.format(Locale.ROOT, "Next retry in %.1f s",
                    Math.max(0, due - model.nowProperty().get()) / 1000);
        }, model.nextRetryAtProperty(), model.nowProperty()));
        FlowPane facts = new FlowPane(18, 4, version, uptime, rtt, reconnects, retry);
        facts.getStyleClass().add("facts");

        hint.setId("pause-hint");
        hint.getStyleClass().add("pause-hint");
        hint.setWrapText(true);
        hint.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        hint.visibleProperty().bind(model.pauseHintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        hint.textProperty().bind(model.pauseHintProperty());

        getChildren().addAll(top, facts, glance, hint);
        model.stateProperty().addListener((obs, was, now) -> showState(now));
        showState(model.stateProperty().get());
    }

    private void showState(LinkState state) {
        badge.show(label(state), EventKinds.tone(state), switch (state) {
            case CONNECTED -> Feather.CHECK_CIRCLE;
            case CONNECTING, HANDSHAKING -> Feather.LOADER;
            case BACKOFF -> Feather.CLOCK;
            case PAUSED -> Feather.PAUSE_CIRCLE;
            case DISPOSING, DISPOSED -> Feather.TRASH_2;
            default -> Feather.CIRCLE;
        }, "state-" + state.wire());
    }

    /** The palette the badge is drawn in, chosen by the theme's ground colour. */
    ReadOnlyObjectProperty<Palette> paletteProperty() {
        return badge.paletteProperty();
    }

    /** {@code Connected}, {@code Backoff}, … as a person reads it. */
    static String label(LinkState state) {
        return switch (state) {
            case IDLE -> "Idle";
            case CONNECTING -> "Connecting";
            case HANDSHAKING -> "Handshaking";
            case CONNECTED -> "Connected";
            case BACKOFF -> "Waiting to retry";
            case PAUSED -> "Paused";
            case DISCONNECTED -> "Disconnected";
            case DISPOSING -> "Disposing";
            case DISPOSED -> "Disposed";
        };
    }

    /**
     * {@code 42s} in the first minute, then {@code 12m} and {@code 1h 02m}; a dash for NaN (not
     * connected). Seconds only while they say something: a shown window that changes every second
     * for an hour costs a repaint a second.
     */
    /**
     * Whether a clock at {@code nextMs} would change connected-for's words from those at {@code
     * shownMs} (NaN: nothing shown yet), for a connection since {@code sinceMs} (NaN: none): the
     * headers move their clock only then.
     */
    static boolean clockChangesWords(double sinceMs, double shownMs, double nextMs) {
        return Double.isNaN(shownMs) || !Double.isNaN(sinceMs)
                && !formatDuration(nextMs - sinceMs).equals(formatDuration(shownMs - sinceMs));
    }

    static String formatDuration(double ms) {
        if (Double.isNaN(ms)) {
            return "\u2013";
        }
        long s = Math.max(0, Math.round(ms / 1000));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
