package dev.clawscope.ui.events;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import dev.clawscope.journal.EventSummary;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import dev.clawscope.ui.FxThread;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The event table: time, type, summary; a filter by type and by free text; the selected event's
 * redacted JSON with a copy button. Rows come from the view model's list and are filtered in
 * place, so the table stays virtual however many there are.
 */
public final class EventTableView extends BorderPane {

    public static final String ALL_TYPES = "all types";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final FilteredList<JournalEntry> filtered;
    private final TableView<JournalEntry> table = new TableView<>();
    private final ComboBox<String> typeFilter = new ComboBox<>();
    private final TextField textFilter = new TextField();
    private final TextArea details = new TextArea();
    private final Label count = new Label();
    private final Redactor redactor = Redactor.withRandomKey(RedactionRules.defaults());
    private Consumer<JournalEntry> onSelect = entry -> { };
    private boolean selecting;
    private static final long TAIL_SCROLL_MS = 250;
    private final FxThread.Later tailScroll = new FxThread.Later(this::scrollToTail);
    private boolean tailScrollQueued;
    private long lastTailScrollNs = System.nanoTime() - TAIL_SCROLL_MS * 1_000_000;

    public EventTableView(ObservableList<JournalEntry> entries) {
        filtered = new FilteredList<>(entries, e -> true);
        getStyleClass().add("event-table");

        typeFilter.setId("type-filter");
        ObservableList<String> types = FXCollections.observableArrayList(ALL_TYPES);
        LinkEvent.typeNames().stream().sorted().forEach(types::add);
        typeFilter.setItems(types);
        typeFilter.getSelectionModel().select(ALL_TYPES);
        textFilter.setId("text-filter");
        textFilter.setPromptText("Filter: text in type or summary");
        HBox.setHgrow(textFilter, Priority.ALWAYS);
        count.setId("event-count");
        HBox filters = new HBox(8, new Label("Events"), typeFilter, textFilter, count);
        filters.setPadding(new Insets(6, 8, 6, 8));
        filters.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        table.setId("event-table");
        table.setItems(filtered);
        // One row height for all rows: with 100 000 rows the table never measures cells to estimate.
        table.setFixedCellSize(24);
        table.setPlaceholder(new Label("No events match the filter"));
        TableColumn<JournalEntry, String> time = column("Time", 118,
                e -> TIME.format(e.ts()));
        TableColumn<JournalEntry, String> type = column("Type", 150, e -> e.event().type());
        TableColumn<JournalEntry, String> summary = column("Summary", 520, e -> EventSummary.of(e.event()));
        time.setMinWidth(112);
        type.setMinWidth(130);
        table.getColumns().setAll(java.util.List.of(time, type, summary));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);

        details.setId("event-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        details.setPromptText("Select an event to see its redacted JSON");
        Button copy = new Button("Copy");
        copy.setId("copy-details");
        copy.disableProperty().bind(details.textProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(details.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox detailsBar = new HBox(8, new Label("Selected event (redacted)"), copy);
        detailsBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        detailsBar.setPadding(new Insets(4, 8, 4, 8));
        VBox detailsPane = new VBox(detailsBar, details);
        VBox.setVgrow(details, Priority.ALWAYS);

        SplitPane split = new SplitPane(table, detailsPane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        setTop(filters);
        setCenter(split);

        typeFilter.valueProperty().addListener((obs, was, now) -> refilter());
        textFilter.textProperty().addListener((obs, was, now) -> refilter());
        filtered.addListener((javafx.collections.ListChangeListener<JournalEntry>) c -> {
            updateCount();
            // Live tail: follow new rows until the user picks one, at most four times a second. The
            // first scroll after a quiet spell joins the rows' own pulse (one layout, one repaint);
            // it runs after the change, once the table has taken it.
            if (table.getSelectionModel().isEmpty() && !filtered.isEmpty() && !tailScroll.waiting()
                    && !tailScrollQueued) {
                long sinceMs = (System.nanoTime() - lastTailScrollNs) / 1_000_000;
                if (sinceMs >= TAIL_SCROLL_MS) {
                    tailScrollQueued = true;
                    javafx.application.Platform.runLater(this::scrollToTail);
                } else {
                    tailScroll.schedule(TAIL_SCROLL_MS - sinceMs);
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            details.setText(now == null ? "" : redactedJson(now));
            if (now != null && !selecting) {
                onSelect.accept(now);
            }
        });
        updateCount();
    }

    private void scrollToTail() {
        tailScrollQueued = false;
        lastTailScrollNs = System.nanoTime();
        if (table.getSelectionModel().isEmpty() && !filtered.isEmpty()) {
            table.scrollTo(filtered.size() - 1);
        }
    }

    private static TableColumn<JournalEntry, String> column(String title, double width,
            java.util.function.Function<JournalEntry, String> value) {
        TableColumn<JournalEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private void refilter() {
        filtered.setPredicate(predicate(typeFilter.getValue(), textFilter.getText()));
        updateCount();
    }

    static Predicate<JournalEntry> predicate(String type, String text) {
        String wantedType = type == null || type.equals(ALL_TYPES) ? null : type;
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return entry -> (wantedType == null || entry.event().type().equals(wantedType))
                && (needle.isEmpty() || entry.event().type().contains(needle)
                        || EventSummary.of(entry.event()).toLowerCase(Locale.ROOT).contains(needle));
    }

    private void updateCount() {
        count.setText(filtered.size() + " of " + filtered.getSource().size());
    }

    private String redactedJson(JournalEntry entry) {
        String line = redactor.redactJsonLine(JournalJson.toLine(entry));
        try {
            return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(JsonParser.parseString(line));
        } catch (RuntimeException e) {
            return line;
        }
    }

    public void setOnSelect(Consumer<JournalEntry> action) {
        onSelect = action == null ? entry -> { } : action;
    }

    /** Selects {@code entry} in the table (clearing a filter that hides it) and scrolls to it. */
    public void select(JournalEntry entry) {
        if (!filtered.contains(entry)) {
            typeFilter.getSelectionModel().select(ALL_TYPES);
            textFilter.clear();
        }
        selecting = true;
        try {
            table.getSelectionModel().select(entry);
            table.scrollTo(entry);
        } finally {
            selecting = false;
        }
    }

    public TableView<JournalEntry> table() {
        return table;
    }

    public ComboBox<String> typeFilter() {
        return typeFilter;
    }

    public TextField textFilter() {
        return textFilter;
    }

    public TextArea details() {
        return details;
    }
}
