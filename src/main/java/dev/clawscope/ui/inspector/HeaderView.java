package dev.clawscope.ui.inspector;

import dev.clawscope.link.LinkState;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Palette;
import dev.clawscope.timeline.Tone;
import dev.clawscope.ui.timeline.ThemePalette;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
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

    private static final CssMetaData<HeaderView, Color> GROUND = ThemePalette.cssMetaData(view -> view.theme);
    private static final List<CssMetaData<? extends Styleable, ?>> CSS =
            ThemePalette.withGround(VBox.getClassCssMetaData(), GROUND);

    private final ThemePalette<HeaderView> theme = new ThemePalette<>(this, GROUND);
    private final Label badge = new Label();
    private final FontIcon badgeIcon = new FontIcon(Feather.CIRCLE);
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

        badge.setId("state-badge");
        badge.setGraphic(badgeIcon);
        badge.getStyleClass().add("state-badge");
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
        theme.paletteProperty().addListener((obs, was, now) -> colourBadge(model.stateProperty().get(), now));
        showState(model.stateProperty().get());
    }

    private void showState(LinkState state) {
        colourBadge(state, theme.paletteProperty().get());
        badge.setText(label(state));
        badge.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-badge"));
        badge.getStyleClass().add("state-" + state.wire());
        badgeIcon.setIconCode(switch (state) {
            case CONNECTED -> Feather.CHECK_CIRCLE;
            case CONNECTING, HANDSHAKING -> Feather.LOADER;
            case BACKOFF -> Feather.CLOCK;
            case PAUSED -> Feather.PAUSE_CIRCLE;
            case DISPOSING, DISPOSED -> Feather.TRASH_2;
            default -> Feather.CIRCLE;
        });
    }

    /** The badge in its state's tone, its text and icon in the colour for text on that tone (the stylesheet applies them). */
    private void colourBadge(LinkState state, Palette palette) {
        Tone tone = EventKinds.tone(state);
        badge.setStyle("-state-fill: " + ThemePalette.css(palette.rgb(tone)) + "; -state-text: "
                + ThemePalette.css(palette.textOn(tone)) + ";");
    }

    /** The palette the badge is drawn in, chosen by the theme's ground colour. */
    ReadOnlyObjectProperty<Palette> paletteProperty() {
        return theme.paletteProperty();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS;
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

    /** {@code 1m 05s}, {@code 42s}, {@code 1h 02m}. */
    static String formatDuration(double ms) {
        long s = Math.max(0, Math.round(ms / 1000));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
