package dev.clawscope.ui.timeline;

import dev.clawscope.journal.EventSummary;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Source;
import dev.clawscope.timeline.ConnectionSpan;
import dev.clawscope.ui.FxThread;
import dev.clawscope.timeline.EventKinds;
import dev.clawscope.timeline.Kind;
import dev.clawscope.timeline.Lane;
import dev.clawscope.timeline.Legend;
import dev.clawscope.timeline.MarkShape;
import dev.clawscope.timeline.OutageSpan;
import dev.clawscope.timeline.Palette;
import dev.clawscope.timeline.Tone;
import dev.clawscope.ui.timeline.TimelineData.Mark;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The live timeline: one swimlane per {@link Lane} of its source ({@link Lane#of}), time running left
 * to right: this app's link shows its states, an observed client its connections (one bar each,
 * labelled {@code #conn}, rows for those open at once) and its RPC lane, as the proof draws them. Paints on a Canvas
 * and only what is in view. Follows the present by default; the mouse wheel zooms around the
 * pointer, dragging pans (and stops following), keys: {@code +}/{@code -} zoom, arrows pan,
 * {@code F} follow, {@code Home} whole session. Hover shows the event; a click selects it.
 * Lanes, kinds, colour tokens, outages and the legend are the proof timeline's ({@code
 * dev.clawscope.timeline}); the palette follows the theme's ground colour.
 */
public final class TimelineView extends Region {

    private static final double LABEL_WIDTH = 96;
    private static final double AXIS_HEIGHT = 22;
    private static final double MIN_SPAN_MS = 200;
    private static final double MAX_SPAN_MS = 24 * 3_600_000.0;
    private static final Font FONT = Font.font("System", 11);
    /** At most one mark of a kind per this many pixels: denser marks would only overdraw. */
    private static final double MIN_MARK_SPACING_PX = 3;
    /** Repaints at most this often while data streams in (user input repaints at once). */
    private static final long MIN_PAINT_INTERVAL_NS = 40_000_000L;
    /**
     * While following with nothing new, the present moves on and the view with it: in steps, not a
     * paint every pulse. The clock looks once a second; a step is a thirtieth of the span shown,
     * whole seconds, at least one (2 s at the minute the view starts with, 10 s at five minutes),
     * so an idle window repaints every few seconds and the present never jumps by more than a
     * thirtieth of the width. New events repaint at once.
     */
    private static final java.time.Duration FOLLOW_STEP = java.time.Duration.ofSeconds(1);
    private static final int FOLLOW_STEPS_PER_SPAN = 30;
    /** Above the lanes, as in the proof: how long each outage and its undetected part lasted. */
    private static final double LABEL_ROW = 14;
    /** Rows for an observed client's connections open at once, as in the proof; more share them. */
    private static final int MAX_CONNECTION_ROWS = 3;
    /** Label rows per lane beside marks. */
    private static final int LABEL_ROWS = 2;
    /** The theme's ground colour, from its token ({@code -color-bg-default} in the AtlantaFX themes): it picks the palette. */
    private static final CssMetaData<TimelineView, Color> GROUND = ThemePalette.cssMetaData(view -> view.theme);
    private static final List<CssMetaData<? extends Styleable, ?>> CSS =
            ThemePalette.withGround(Region.getClassCssMetaData(), GROUND);

    private final ThemePalette<TimelineView> theme = new ThemePalette<>(this, GROUND);
    /** The palette's colours by {@link Tone#ordinal()}, and the translucent ones, made once per palette. */
    private Color[] tones;
    private Color outageShade;
    private Color undetectedShade;
    /** The palette's colours for bars (a reconnect delay, a reconnect gap), by {@link Tone#ordinal()}. */
    private Color[] barFills;
    private final LegendBar legend;
    private final List<Lane> lanes;
    /** Each lane's position among {@link #lanes} by {@link Lane#ordinal()}; -1 for a lane not drawn. */
    private final int[] laneIndex = new int[Lane.values().length];
    private final Source.Kind source;
    /** Per paint: the last x drawn of each kind, and where each lane's label rows end; kept to allocate nothing per paint. */
    private final double[] lastX = new double[Kind.values().length];
    private final double[] labelEnd = new double[Lane.values().length * LABEL_ROWS];
    private double outageLabelEnd;
    private double barLabelEnd;
    /** Per paint: the drawn marks whose labels are placed after every mark, kept to allocate nothing per paint. */
    private final java.util.ArrayList<Mark> labelled = new java.util.ArrayList<>();
    private final Canvas canvas = new Canvas();
    private final Label hover = new Label();
    private final TimelineData data;
    private final DoubleSupplier clock;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final AnimationTimer frames;
    private final FxThread.Ticker followTicker;
    private boolean shown;
    private Consumer<JournalEntry> onSelect = entry -> { };
    private JournalEntry selected;
    private double spanMs = 60_000;
    private double viewEnd = Double.NaN;
    private double dragX = Double.NaN;
    private boolean dirty = true;
    private long paints;
    private long lastPaintAt;
    /** The journal clock at the last paint: the follow step is measured from it. */
    private double lastPaintClockMs = Double.NEGATIVE_INFINITY;
    private double lastPaintMs;

    /**
     * @param clock the journal's clock ({@code mono_ms} now), which the present and the open state span end at
     */
    public TimelineView(TimelineData data, DoubleSupplier clock) {
        this.data = data;
        this.clock = clock;
        this.source = data.source();
        this.lanes = data.lanes();
        this.legend = new LegendBar(Legend.of(source));
        java.util.Arrays.fill(laneIndex, -1);
        for (int i = 0; i < lanes.size(); i++) {
            laneIndex[lanes.get(i).ordinal()] = i;
        }
        getStyleClass().add("timeline");
        setId("timeline");
        setFocusTraversable(true);
        setMinHeight(AXIS_HEIGHT + LABEL_ROW + 20 + lanes.size() * 24);
        setPrefHeight(AXIS_HEIGHT + LABEL_ROW + 40 + lanes.size() * 34);
        hover.getStyleClass().add("timeline-hover");
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        hover.setStyle("-fx-background-color: rgba(30,30,30,0.88); -fx-text-fill: white; -fx-padding: 3 6 3 6;"
                + " -fx-background-radius: 4; -fx-font-size: 11px;");
        getChildren().addAll(canvas, legend, hover);
        usePalette(theme.paletteProperty().get());
        theme.paletteProperty().addListener((obs, was, now) -> usePalette(now));
        follow.addListener((obs, was, now) -> markDirty());
        canvas.widthProperty().addListener((obs, was, now) -> markDirty());
        canvas.heightProperty().addListener((obs, was, now) -> markDirty());
        data.setOnChange(this::markDirty);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            dragX = e.getX();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragX = Double.NaN);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.setVisible(false));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        // Runs only while a paint is due: a running AnimationTimer keeps JavaFX pulsing at 60 Hz.
        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!dirty) {
                    stop();
                } else if (now - lastPaintAt >= MIN_PAINT_INTERVAL_NS) {
                    lastPaintAt = now;
                    paint();
                }
            }
        };
        followTicker = new FxThread.Ticker(FOLLOW_STEP, () -> {
            if (follow.get() && clock.getAsDouble() - lastPaintClockMs >= followStepMs(visibleSpan()) - 500) {
                markDirty();
            }
        });
    }

    /** Starts painting (when shown): at once, on every change, and a step a second while following. */
    public void start() {
        shown = true;
        followTicker.start();
        markDirty();
    }

    /** Stops painting (when hidden). */
    public void stop() {
        shown = false;
        followTicker.stop();
        frames.stop();
    }

    /** Something to show changed: paint on the next pulse, at most every 40 ms. */
    private void markDirty() {
        dirty = true;
        if (shown) {
            frames.start();
        }
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public void setOnSelect(Consumer<JournalEntry> action) {
        onSelect = action == null ? entry -> { } : action;
    }

    /** Highlights {@code entry} and brings it into view when it is outside. */
    public void select(JournalEntry entry) {
        selected = entry;
        if (entry != null) {
            double shown = visibleSpan();
            double start = viewEnd() - shown;
            if (entry.monoMs() < start || entry.monoMs() > viewEnd()) {
                follow.set(false);
                spanMs = shown;
                viewEnd = entry.monoMs() + shown / 2;
            }
        }
        markDirty();
    }

    /** The visible span of time in milliseconds. */
    public double spanMs() {
        return spanMs;
    }

    /**
     * What a paint shows: the span, except that while following a session younger than it the
     * view starts at the session's first event instead of leaving empty time on the left.
     */
    private double visibleSpan() {
        if (!follow.get() || Double.isNaN(data.origin())) {
            return spanMs;
        }
        double age = clock.getAsDouble() - data.origin();
        return Math.max(MIN_SPAN_MS, Math.min(spanMs, Math.max(10_000, age * 1.04)));
    }

    /** How far the present moves between two paints while following with nothing new: whole seconds, at least one. */
    static double followStepMs(double spanMs) {
        return Math.max(1, Math.round(spanMs / FOLLOW_STEPS_PER_SPAN / 1000)) * 1000.0;
    }

    public void setSpanMs(double value) {
        spanMs = Math.max(MIN_SPAN_MS, Math.min(MAX_SPAN_MS, value));
        markDirty();
    }

    /** How many times the canvas was painted, and the last paint's duration, for benchmarks. */
    /** Whether the view paints (it shows): on changes, and a step a second while following. */
    public boolean painting() {
        return shown;
    }

    public long paints() {
        return paints;
    }

    public double lastPaintMs() {
        return lastPaintMs;
    }

    /** The right edge of the view on the journal clock. */
    public double viewEnd() {
        if (follow.get() || Double.isNaN(viewEnd)) {
            return clock.getAsDouble();
        }
        return viewEnd;
    }

    /** The palette the timeline is drawn in, chosen by the theme's ground colour. */
    public ReadOnlyObjectProperty<Palette> paletteProperty() {
        return theme.paletteProperty();
    }

    private void usePalette(Palette next) {
        Color[] colours = new Color[Tone.values().length];
        Color[] bars = new Color[Tone.values().length];
        for (Tone tone : Tone.values()) {
            colours[tone.ordinal()] = ThemePalette.colour(next.rgb(tone), 1);
            bars[tone.ordinal()] = ThemePalette.colour(next.rgb(tone), 0.85);
        }
        tones = colours;
        barFills = bars;
        outageShade = ThemePalette.colour(next.rgb(Tone.OUTAGE), Legend.OUTAGE_ALPHA);
        undetectedShade = ThemePalette.colour(next.rgb(Tone.UNDETECTED), Legend.UNDETECTED_ALPHA);
        legend.paint(next);
        markDirty();
    }

    private Color tone(Tone tone) {
        return tones[tone.ordinal()];
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS;
    }

    @Override
    protected void layoutChildren() {
        double legendWidth = Math.max(0, getWidth() - LABEL_WIDTH);
        double legendHeight = Math.min(legend.prefHeight(legendWidth), getHeight() / 3);
        canvas.setWidth(getWidth());
        canvas.setHeight(Math.max(0, getHeight() - legendHeight));
        legend.resizeRelocate(LABEL_WIDTH, getHeight() - legendHeight, legendWidth, legendHeight);
        hover.autosize();
    }

    // ---- painting --------------------------------------------------------------------------------

    /** Paints the visible range now. */
    public void paint() {
        long t0 = System.nanoTime();
        dirty = false;
        lastPaintClockMs = clock.getAsDouble();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(tone(Tone.GROUND));
        g.fillRect(0, 0, w, h);
        if (w <= LABEL_WIDTH + 10 || h <= AXIS_HEIGHT + 10) {
            return;
        }
        double end = viewEnd();
        double start = end - visibleSpan();
        double lanesH = h - AXIS_HEIGHT;
        double laneHeight = (lanesH - LABEL_ROW) / lanes.size();
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < lanes.size(); i++) {
            double y = LABEL_ROW + i * laneHeight;
            g.setFill(i % 2 == 0 ? tone(Tone.LANE) : tone(Tone.GROUND));
            g.fillRect(0, y, w, laneHeight);
            g.setFill(tone(Tone.TEXT));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(lanes.get(i).title(source), 6, y + laneHeight / 2);
        }
        g.setStroke(tone(Tone.GRID));
        g.strokeLine(LABEL_WIDTH, 0, LABEL_WIDTH, lanesH);
        double plotW = w - LABEL_WIDTH - 8;
        double scale = plotW / (end - start);
        paintAxis(g, start, end, scale, w, h);
        double now = clock.getAsDouble();
        java.util.Arrays.fill(lastX, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(labelEnd, Double.NEGATIVE_INFINITY);
        outageLabelEnd = Double.NEGATIVE_INFINITY;
        barLabelEnd = Double.NEGATIVE_INFINITY;
        data.forEachOutage(start, end, now, outage -> paintOutage(g, outage, start, end, scale, lanesH, now));
        MarkShape stateShape = MarkShape.of(Kind.STATE);
        double stateTop = laneTop(Lane.STATE, laneHeight) + laneHeight * stateShape.top();
        double stateHeight = laneHeight * (stateShape.bottom() - stateShape.top());
        if (source == Source.Kind.OBSERVED_CLIENT) {
            paintConnections(g, start, end, now, scale, stateTop, stateHeight);
        } else {
            data.forEachSpan(start, end, now, (s, e, state) -> {
                double x0 = x(Math.max(s, start), start, scale);
                double x1 = x(Math.min(e, end), start, scale);
                g.setFill(tone(EventKinds.tone(state)));
                g.fillRect(x0, stateTop, Math.max(1, x1 - x0), stateHeight);
                if (x1 - x0 > 70) {
                    g.setFill(tone(Tone.ON_FILL));
                    g.setTextAlign(TextAlignment.LEFT);
                    g.fillText(state == null ? "unknown" : state.wire(), x0 + 4, LABEL_ROW + laneHeight / 2);
                }
            });
        }
        labelled.clear();
        data.forEachVisible(start, end, mark -> {
            if (laneIndex[mark.lane().ordinal()] < 0) {
                return; // a line of another source's kind: this timeline has no lane for it
            }
            double x = x(mark.t(), start, scale);
            int k = mark.kind().ordinal();
            // Marks closer than a few pixels draw once, and a bar inside the one before it not at
            // all: repaint cost follows pixels, not events.
            if (mark.entry() != selected) {
                if (!mark.bar() && x - lastX[k] < MIN_MARK_SPACING_PX) {
                    return;
                }
                if (mark.bar() && x(mark.end(), start, scale) - lastX[k] < MIN_MARK_SPACING_PX) {
                    return;
                }
            }
            lastX[k] = mark.bar() ? x(mark.end(), start, scale) : x;
            paintMark(g, mark, x, scale, laneTop(mark.lane(), laneHeight), laneHeight, start, w);
        });
        // Labels beside marks last, so no bar paints over one; the strong ones (a fault, a timeout, a
        // client noticing) first, as the proof places them when labels compete for room.
        for (int strong = 1; strong >= 0; strong--) {
            for (Mark m : labelled) {
                if (m.kind().strong() == (strong == 1)) {
                    label(g, m.label(), m.lane(), x(m.t(), start, scale), laneTop(m.lane(), laneHeight), laneHeight,
                            w, tone(m.kind().tone()));
                }
            }
        }
        if (follow.get()) {
            g.setStroke(tone(Tone.PING));
            g.setLineDashes(3, 3);
            g.strokeLine(w - 8, 0, w - 8, lanesH);
            g.setLineDashes();
        }
        paints++;
        lastPaintMs = (System.nanoTime() - t0) / 1e6;
    }

    /** As the proof draws it: the undetected part, then the outage, shaded across all lanes, with their lengths. */
    private void paintOutage(GraphicsContext g, OutageSpan outage, double start, double end, double scale,
            double lanesH, double now) {
        double xFault = x(Math.max(outage.faultMs(), start), start, scale);
        double xDown = x(Math.min(Math.max(outage.downMs(), start), end), start, scale);
        double xUp = x(Math.min(outage.endOr(now), end), start, scale);
        g.setTextAlign(TextAlignment.LEFT);
        if (outage.undetectedMs() > 0 && xDown > xFault) {
            g.setFill(undetectedShade);
            g.fillRect(xFault, 0, xDown - xFault, lanesH);
            g.setStroke(tone(Tone.UNDETECTED));
            g.strokeLine(xFault, 0, xFault, lanesH);
            outageLabel(g, outage.undetectedLabel(), xFault, tone(Tone.UNDETECTED));
        }
        g.setFill(outageShade);
        g.fillRect(xDown, 0, Math.max(2, xUp - xDown), lanesH);
        g.setStroke(tone(Tone.OUTAGE));
        g.strokeLine(xDown, 0, xDown, lanesH);
        if (outage.recovered() && outage.upMs() <= end) {
            g.setStroke(tone(Tone.CONNECTED));
            g.strokeLine(xUp, 0, xUp, lanesH);
        }
        outageLabel(g, outage.downLabel(), xDown, tone(Tone.OUTAGE));
    }

    /**
     * An observed client's connections on the state lane, as the proof draws them: a bar each, opening
     * until its hello ok, up until its first close frame, then closing until it is gone, labelled
     * {@code #conn} where it has room; connections open at once on rows of their own.
     */
    private void paintConnections(GraphicsContext g, double start, double end, double now, double scale, double top,
            double height) {
        int rows = Math.max(1, Math.min(MAX_CONNECTION_ROWS, data.connectionRows()));
        double rowH = height / rows;
        double h = rows > 1 ? rowH - 1 : rowH;
        g.setTextAlign(TextAlignment.CENTER);
        data.forEachConnection(start, end, now, span -> {
            double y = top + (span.row() % rows) * rowH;
            double usable = span.usableUntil(now);
            connectionPart(g, span.openMs(), span.accepted() ? span.helloMs() : usable, ConnectionSpan.OPENING,
                    start, end, scale, y, h);
            if (span.accepted()) {
                connectionPart(g, span.helloMs(), usable, ConnectionSpan.UP, start, end, scale, y, h);
            }
            if (span.closing()) {
                connectionPart(g, span.closingMs(), span.endOr(now), ConnectionSpan.CLOSING, start, end, scale, y, h);
            }
            double x0 = x(Math.max(span.openMs(), start), start, scale);
            double x1 = x(Math.min(usable, end), start, scale);
            String label = span.label();
            if (h >= 9 && x1 - x0 > textWidth(label) + 6) {
                g.setFill(tone(Tone.ON_FILL));
                g.fillText(label, (x0 + x1) / 2, y + h / 2);
            }
        });
    }

    private void connectionPart(GraphicsContext g, double from, double to, Tone tone, double start, double end,
            double scale, double y, double h) {
        if (to < start || from > end) {
            return;
        }
        double x0 = x(Math.max(from, start), start, scale);
        double x1 = x(Math.min(to, end), start, scale);
        g.setFill(tone(tone));
        g.fillRect(x0, y, Math.max(1, x1 - x0), h);
    }

    /** A label in the row above the lanes, right of {@code x} and of the label before it, as in the proof. */
    private void outageLabel(GraphicsContext g, String text, double x, Color colour) {
        double from = Math.max(x + 3, outageLabelEnd + 6);
        g.setFill(colour);
        g.fillText(text, from, LABEL_ROW / 2);
        outageLabelEnd = from + textWidth(text);
    }

    private void paintAxis(GraphicsContext g, double start, double end, double scale, double w, double h) {
        double origin = Double.isNaN(data.origin()) ? start : data.origin();
        double step = niceStep((end - start) / 8);
        double first = Math.ceil((start - origin) / step) * step + origin;
        g.setStroke(tone(Tone.GRID));
        g.setFill(tone(Tone.MUTED));
        g.setTextAlign(TextAlignment.CENTER);
        for (double t = first; t <= end; t += step) {
            double x = x(t, start, scale);
            g.strokeLine(x, 0, x, h - AXIS_HEIGHT);
            g.fillText(formatOffset(t - origin, step), x, h - AXIS_HEIGHT / 2);
        }
    }

    /** A mark in its shared {@link MarkShape} and colour token, as the proof draws it. */
    private void paintMark(GraphicsContext g, Mark m, double x, double scale, double y, double laneH, double start,
            double w) {
        MarkShape shape = MarkShape.of(m.kind());
        Color colour = tone(m.kind().tone());
        double top = y + shape.top() * laneH;
        double bottom = y + shape.bottom() * laneH;
        if (m.bar()) {
            double x0 = x(m.start(), start, scale);
            double x1 = x(m.end(), start, scale);
            g.setFill(barFills[m.kind().tone().ordinal()]);
            g.fillRect(x0, top, Math.max(1.5, x1 - x0), bottom - top);
            // Overlapping bars (a reconnect storm) are labelled only where a label has room: text is dear.
            if (m.label() != null && x1 - x0 > textWidth(m.label()) + 4 && x0 > barLabelEnd) {
                barLabelEnd = x1;
                g.setFill(tone(Tone.TEXT));
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(m.label(), (x0 + x1) / 2, y + laneH / 2);
            }
        } else {
            g.setStroke(colour);
            g.setLineWidth(shape.width());
            g.strokeLine(x, top, x, bottom);
            g.setLineWidth(1);
            if (m.lane() == Lane.FAULT) {
                g.setFill(colour);
                g.fillRect(x - 3, top, 6, 6);
            }
            if (m.label() != null) {
                labelled.add(m); // placed once every mark is drawn
            }
        }
        if (m.entry() == selected) {
            double mid = y + laneH / 2;
            double r = Math.min(5, laneH / 4);
            g.setStroke(tone(Tone.TEXT));
            g.setLineWidth(2);
            g.strokeOval(x - r - 3, mid - r - 3, 2 * r + 6, 2 * r + 6);
            g.setLineWidth(1);
        }
    }

    /** A label beside its mark, in the first of its lane's two rows with room, as the proof places them. */
    private void label(GraphicsContext g, String text, Lane lane, double x, double y, double laneH, double w,
            Color colour) {
        double width = textWidth(text);
        boolean left = x + 4 + width > w - 8;
        double from = left ? x - 4 - width : x + 4;
        for (int row = 0; row < LABEL_ROWS; row++) {
            int slot = lane.ordinal() * LABEL_ROWS + row;
            if (from > labelEnd[slot] + 6 && y + 15 + row * 13 < y + laneH - 2) {
                labelEnd[slot] = from + width;
                g.setFill(colour);
                g.setTextAlign(left ? TextAlignment.RIGHT : TextAlignment.LEFT);
                g.fillText(text, left ? x - 4 : x + 4, y + 15 + row * 13);
                return;
            }
        }
    }

    /** An estimate good enough for placing labels, as the proof's: a glyph is about 0.6 em wide. */
    private static double textWidth(String text) {
        return text.length() * 11 * 0.6;
    }

    private double laneTop(Lane lane, double laneHeight) {
        return LABEL_ROW + laneIndex[lane.ordinal()] * laneHeight;
    }

    /** Where {@code t} (journal clock) is drawn in the current view, in pixels from the left. */
    double xOf(double t) {
        double shown = visibleSpan();
        return x(t, viewEnd() - shown, (canvas.getWidth() - LABEL_WIDTH - 8) / shown);
    }

    /** The y of the middle of {@code lane} in the current size. */
    double yOf(Lane lane) {
        double laneHeight = (canvas.getHeight() - AXIS_HEIGHT - LABEL_ROW) / lanes.size();
        return laneTop(lane, laneHeight) + laneHeight / 2;
    }

    private static double x(double t, double start, double scale) {
        return LABEL_WIDTH + (t - start) * scale;
    }

    static double niceStep(double rough) {
        double pow = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= rough) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    static String formatOffset(double ms, double step) {
        if (step < 1_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.0f s", ms / 1000);
        }
        long s = Math.round(ms / 1000);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    // ---- input -------------------------------------------------------------------------------------

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomAround(e.getX(), e.getDeltaY() > 0 ? 0.8 : 1.25);
        e.consume();
    }

    /** Zooms around the middle of the view; below 1 zooms in. */
    public void zoom(double factor) {
        zoomAround(LABEL_WIDTH + (canvas.getWidth() - LABEL_WIDTH) / 2, factor);
    }

    private void zoomAround(double px, double factor) {
        double end = viewEnd();
        double plotW = Math.max(1, canvas.getWidth() - LABEL_WIDTH - 8);
        double shown = visibleSpan();
        double at = end - shown + (Math.max(0, px - LABEL_WIDTH) / plotW) * shown;
        double newSpan = Math.max(MIN_SPAN_MS, Math.min(MAX_SPAN_MS, shown * factor));
        if (!follow.get()) {
            double fraction = (at - (end - shown)) / shown;
            viewEnd = at - fraction * newSpan + newSpan;
        }
        spanMs = newSpan;
        markDirty();
    }

    private void onDrag(MouseEvent e) {
        if (Double.isNaN(dragX)) {
            return;
        }
        double plotW = Math.max(1, canvas.getWidth() - LABEL_WIDTH - 8);
        double dt = (e.getX() - dragX) / plotW * visibleSpan();
        if (Math.abs(e.getX() - dragX) >= 2) {
            viewEnd = viewEnd() - dt;
            follow.set(false);
            dragX = e.getX();
            markDirty();
        }
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        double w = canvas.getWidth() - LABEL_WIDTH;
        switch (code) {
            case PLUS, ADD, EQUALS -> zoomAround(LABEL_WIDTH + w / 2, 0.8);
            case MINUS, SUBTRACT -> zoomAround(LABEL_WIDTH + w / 2, 1.25);
            case LEFT -> pan(-spanMs / 5);
            case RIGHT -> pan(spanMs / 5);
            case F -> follow.set(!follow.get());
            case HOME -> showAll();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void pan(double dt) {
        viewEnd = viewEnd() + dt;
        follow.set(false);
        markDirty();
    }

    /** Fits the whole session into view and follows it. */
    public void showAll() {
        if (!Double.isNaN(data.origin())) {
            setSpanMs(Math.max(MIN_SPAN_MS, clock.getAsDouble() - data.origin()) * 1.05);
        }
        follow.set(true);
        markDirty();
    }

    private Mark markAt(double px, double py) {
        double h = canvas.getHeight() - AXIS_HEIGHT;
        if (px < LABEL_WIDTH || py < LABEL_ROW || py >= h) {
            return null;
        }
        Lane lane = lanes.get(Math.min(lanes.size() - 1, (int) ((py - LABEL_ROW) / ((h - LABEL_ROW) / lanes.size()))));
        double plotW = Math.max(1, canvas.getWidth() - LABEL_WIDTH - 8);
        double shown = visibleSpan();
        double t = viewEnd() - shown + (px - LABEL_WIDTH) / plotW * shown;
        return data.nearest(lane, t, 6 / plotW * shown);
    }

    private void onHover(MouseEvent e) {
        Mark mark = markAt(e.getX(), e.getY());
        if (mark == null) {
            hover.setVisible(false);
            return;
        }
        hover.setText(mark.entry().event().type() + "  " + EventSummary.of(mark.entry().event()));
        hover.autosize();
        hover.relocate(Math.min(e.getX() + 12, Math.max(0, getWidth() - hover.getWidth() - 4)),
                Math.max(0, e.getY() - hover.getHeight() - 6));
        hover.setVisible(true);
    }

    private void onClick(MouseEvent e) {
        if (!e.isStillSincePress()) {
            return;
        }
        Mark mark = markAt(e.getX(), e.getY());
        if (mark != null) {
            selected = mark.entry();
            markDirty();
            onSelect.accept(mark.entry());
        }
    }
}
