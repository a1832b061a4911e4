package dev.clawscope.ui.inspector;

import dev.clawscope.timeline.Palette;
import dev.clawscope.timeline.Tone;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The header of an observed client's window: a badge with its connection ({@code Connected #3} in
 * the timeline's colour for a connection that is up, {@code Connecting #4} in its colour for one
 * opening), the client as it named itself, the URL to give it (and the embedded simulator's token)
 * in fields the user can copy from, where the observer relays to, and how many connections it
 * opened, connected-for, its reconnects and the last pong's round trip. Every text is bound to the
 * {@link ClientHeaderModel}.
 */
final class ClientHeaderView extends VBox {

    private final StateBadge badge = new StateBadge();

    ClientHeaderView(ClientHeaderModel model) {
        getStyleClass().add("header");
        setPadding(new Insets(10, 12, 8, 12));
        setSpacing(6);

        Label client = new Label();
        client.setId("observed-client");
        client.getStyleClass().add("gateway-label");
        client.textProperty().bind(model.clientProperty());
        Label observed = new Label("Observed client", new FontIcon(Feather.EYE));
        observed.setId("observed-badge");
        observed.getStyleClass().add("demo-badge");
        HBox top = new HBox(10, badge, client, observed);
        top.setAlignment(Pos.CENTER_LEFT);

        HBox give = new HBox(6, new Label("Give the client"), copyable("client-url", model.clientUrl()));
        give.setAlignment(Pos.CENTER_LEFT);
        String token = model.simulatorToken();
        if (!token.isEmpty()) {
            give.getChildren().addAll(new Label("and the token"), copyable("client-token", token));
        }
        Label target = new Label("\u2192 relayed to " + model.targetLabel());
        target.setId("observe-target");
        target.getStyleClass().add("hint-text");
        give.getChildren().add(target);

        Label connections = new Label();
        connections.setId("client-connections");
        connections.textProperty().bind(model.connectionsProperty());
        Label uptime = new Label();
        uptime.setId("connected-for");
        uptime.textProperty().bind(Bindings.createStringBinding(() -> "Connected for "
                + HeaderView.formatDuration(model.nowProperty().get() - model.connectedSinceProperty().get()),
                model.connectedSinceProperty(), model.nowProperty()));
        Label reconnects = new Label();
        reconnects.setId("reconnect-count");
        reconnects.textProperty().bind(Bindings.concat("Reconnects ", model.reconnectsProperty().asString()));
        Label rtt = new Label();
        rtt.setId("last-rtt");
        rtt.textProperty().bind(Bindings.createStringBinding(() -> {
            double last = model.lastRttMsProperty().get();
            return "Last pong RTT " + (Double.isNaN(last) ? "\u2013" : String.format(Locale.ROOT, "%.1f ms", last));
        }, model.lastRttMsProperty()));
        FlowPane facts = new FlowPane(18, 4, connections, uptime, reconnects, rtt);
        facts.getStyleClass().add("facts");

        getChildren().addAll(top, give, facts);
        model.badgeProperty().addListener((obs, was, now) -> showState(now, model.toneProperty().get()));
        model.toneProperty().addListener((obs, was, now) -> showState(model.badgeProperty().get(), now));
        showState(model.badgeProperty().get(), model.toneProperty().get());
    }

    private void showState(String words, Tone tone) {
        Feather glyph = tone == Tone.CONNECTED ? Feather.CHECK_CIRCLE : tone == Tone.IDLE ? Feather.CIRCLE
                : Feather.LOADER;
        badge.show(words, tone, glyph, "state-" + tone.name().toLowerCase(Locale.ROOT));
    }

    /** The palette the badge is drawn in, chosen by the theme's ground colour. */
    ReadOnlyObjectProperty<Palette> paletteProperty() {
        return badge.paletteProperty();
    }

    /** A field the user can select and copy from, as wide as its text. */
    private static TextField copyable(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.setFocusTraversable(false);
        field.setPrefColumnCount(Math.max(8, text.length() + 1));
        field.getStyleClass().add("copyable");
        return field;
    }
}
