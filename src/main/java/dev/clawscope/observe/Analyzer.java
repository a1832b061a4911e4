package dev.clawscope.observe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.ws.CloseFrame;
import dev.clawscope.ws.Opcode;
import dev.clawscope.ws.ProtocolViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the relay saw into journal lines, on a thread of its own ({@code observer-PORT-decode})
 * so that decoding JSON never delays a relayed byte. Keeps per connection only what lines need:
 * open requests (at most {@link #MAX_OPEN_REQUESTS}), the last ping of each side, who closed first.
 *
 * <p>Bounded: frames (text messages, control frames, skipped frames) wait only while their queued
 * observations weigh less than {@link #MAX_BACKLOG_BYTES}; beyond that they are relayed but not
 * journaled, and the count is journaled once a second, when the queue runs dry and at the end.
 * Lifecycle observations (connects, upgrades, the first close of each side, ends, problems, what
 * the observer did) are never dropped: there are a few per connection.
 */
final class Analyzer implements Runnable {

    static final long MAX_BACKLOG_BYTES = 64L * 1024 * 1024;
    static final int MAX_OPEN_REQUESTS = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);
    private static final Seen STOP = new Seen.Refused(-1, 0);

    private final Journal journal;
    private final LinkedBlockingQueue<Seen> queue = new LinkedBlockingQueue<>();
    private final AtomicLong backlogBytes = new AtomicLong();
    private final AtomicLong peakBacklogBytes = new AtomicLong();
    private final long maxBacklogBytes;
    private final AtomicLong droppedTexts = new AtomicLong();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final long originNanos = System.nanoTime();
    private final Instant originWall = Instant.now();

    // Analyzer thread only.
    private final Map<Integer, Conn> conns = new HashMap<>();
    private int lastEndedConn;
    private long lastEndedNanos;
    private String fault;
    private boolean faultNoticeable;
    private long faultSince;
    private long lastDropReportNanos;

    Analyzer(Journal journal) {
        this(journal, MAX_BACKLOG_BYTES);
    }

    /** With a smaller bound than {@link #MAX_BACKLOG_BYTES}, for tests that must fall behind. */
    Analyzer(Journal journal, long maxBacklogBytes) {
        this.journal = journal;
        this.maxBacklogBytes = maxBacklogBytes;
    }

    /** Queues a lifecycle observation: never dropped. */
    void post(Seen seen) {
        peak(backlogBytes.addAndGet(seen.weight()));
        queue.add(seen);
    }

    /**
     * Queues a frame's observation (a text message, a control frame, a skipped frame), or counts it
     * as not journaled when the backlog is full.
     */
    void postFrame(Seen frame) {
        long weight = frame.weight();
        long now = backlogBytes.addAndGet(weight);
        if (now > maxBacklogBytes) {
            backlogBytes.addAndGet(-weight);
            (frame instanceof Seen.Text ? droppedTexts : droppedFrames).incrementAndGet();
            return;
        }
        peak(now);
        queue.add(frame);
    }

    private void peak(long backlog) {
        if (backlog > peakBacklogBytes.get()) {
            peakBacklogBytes.accumulateAndGet(backlog, Math::max);
        }
    }

    /** The most the queued observations weighed at once (payloads and a fixed cost each). */
    long peakBacklogBytes() {
        return peakBacklogBytes.get();
    }

    /** Asks the thread to end after everything queued so far. */
    void stop() {
        queue.add(STOP);
    }

    @Override
    public void run() {
        try {
            while (true) {
                Seen seen = queue.poll(1, TimeUnit.SECONDS);
                if (seen == STOP) {
                    reportDrops(System.nanoTime(), true);
                    return;
                }
                if (seen == null) {
                    reportDrops(System.nanoTime(), true); // the queue ran dry: say what fell behind
                    continue;
                }
                backlogBytes.addAndGet(-seen.weight());
                try {
                    handle(seen);
                } catch (RuntimeException e) {
                    // The message of an exception may quote the bytes it choked on: the class only.
                    LOG.warn("decoding an observation of connection {} failed: {}", seen.conn(),
                            e.getClass().getName());
                    append(seen.conn(), seen.nanos(), new LinkEvent.Error("observer",
                            "decoding failed: " + e.getClass().getSimpleName()));
                }
                reportDrops(seen.nanos(), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(Seen seen) {
        if (seen instanceof Seen.Connected c) {
            connected(c.conn(), c.nanos(), c.connection());
            conn(c.conn()).stalled = c.stalled();
        } else if (seen instanceof Seen.Refused r) {
            connected(r.conn(), r.nanos(), null);
            disconnected(r.conn(), r.nanos(), "rst", "observer");
            conns.remove(r.conn());
        } else if (seen instanceof Seen.Request r) {
            conn(r.conn()).request = r;
        } else if (seen instanceof Seen.Response r) {
            upgrade(r.conn(), r.nanos(), r);
        } else if (seen instanceof Seen.Text t) {
            text(t);
        } else if (seen instanceof Seen.Control c) {
            control(c);
        } else if (seen instanceof Seen.Skipped s) {
            append(s.conn(), s.nanos(), new LinkEvent.PeerFrameSkipped(s.conn(), s.from().wire(),
                    Opcode.name(s.opcode()).replace(" frame", ""), s.length(), s.why()));
        } else if (seen instanceof Seen.Problem p) {
            append(p.conn(), p.nanos(), new LinkEvent.PeerDecodeProblem(p.conn(), p.from().wire(), p.problem()));
        } else if (seen instanceof Seen.Injected i) {
            if (i.event() instanceof LinkEvent.PeerClose && conn(i.conn()).firstClose == null) {
                conn(i.conn()).firstClose = "observer";
            }
            append(i.conn(), i.nanos(), i.event());
        } else if (seen instanceof Seen.Ended e) {
            Conn c = conn(e.conn());
            if (c.firstEnd == null && !(c.stalled && e.side() == Side.SERVER)) { // a stalled client never sees the server's end
                c.firstEnd = e.side();
                c.firstEndReset = e.reset();
            }
            if (e.side() == Side.CLIENT) {
                // The client is done with it, even if a freeze holds its end in the relay.
                finish(e.conn(), e.nanos(), false);
            }
        } else if (seen instanceof Seen.Closed c) {
            closed(c);
        } else if (seen instanceof Seen.FaultChanged f) {
            fault = f.kind();
            faultNoticeable = f.noticeable();
            faultSince = f.nanos();
        }
    }

    private void connected(int conn, long nanos, ObservedConnection connection) {
        Conn c = new Conn(nanos, connection);
        conns.put(conn, c);
        append(conn, nanos, new LinkEvent.PeerConnect(conn));
        if (lastEndedConn != 0) {
            append(conn, nanos, new LinkEvent.PeerReconnect(conn, ms(nanos - lastEndedNanos), lastEndedConn, fault));
            lastEndedConn = 0;
        }
    }

    private void upgrade(int conn, long nanos, Seen.Response response) {
        Conn c = conn(conn);
        if (c.upgradeJournaled) {
            return; // an answer a freeze held until after the client gave up: it never reached anyone
        }
        Seen.Request r = c.request;
        c.upgradeJournaled = true;
        append(conn, nanos, new LinkEvent.PeerUpgrade(conn, r == null ? "?" : r.path(), r != null && r.origin(),
                r == null ? null : r.userAgent(), r == null ? null : r.extensions(),
                response == null ? null : response.extensions(), response == null ? null : response.status()));
    }

    private void text(Seen.Text t) {
        JsonObject o;
        try {
            JsonElement parsed = JsonParser.parseString(new String(t.message(), 0, t.length(), StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                append(t.conn(), t.nanos(), new LinkEvent.PeerDecodeProblem(t.conn(), t.from().wire(),
                        "a text message that is JSON but not an object"));
                return;
            }
            o = parsed.getAsJsonObject();
        } catch (RuntimeException e) {
            append(t.conn(), t.nanos(), new LinkEvent.PeerDecodeProblem(t.conn(), t.from().wire(),
                    "a text message that is not JSON"));
            return;
        }
        String type = Json.string(o, "type");
        if (t.from() == Side.CLIENT && "req".equals(type)) {
            clientRequest(t, o);
        } else if (t.from() == Side.SERVER && "res".equals(type)) {
            serverResponse(t, o);
        } else if (t.from() == Side.SERVER && "event".equals(type)) {
            serverEvent(t, o);
        } else {
            append(t.conn(), t.nanos(), new LinkEvent.PeerDecodeProblem(t.conn(), t.from().wire(),
                    "a frame of type " + (type == null ? "(none)" : type) + " from the " + t.from().wire()));
        }
    }

    private void clientRequest(Seen.Text t, JsonObject o) {
        String id = Json.id(o);
        String method = Json.string(o, "method");
        if (id == null || method == null) {
            append(t.conn(), t.nanos(), new LinkEvent.PeerDecodeProblem(t.conn(), "client",
                    "a request without " + (id == null ? "an id" : "a method")));
            return;
        }
        Conn c = conn(t.conn());
        if (c.open.size() >= MAX_OPEN_REQUESTS) {
            c.open.remove(c.open.keySet().iterator().next());
        }
        c.open.put(id, new Open(method, t.nanos()));
        if ("connect".equals(method)) {
            append(t.conn(), t.nanos(), Hello.of(t.conn(), id, Json.object(o, "params")));
        } else {
            append(t.conn(), t.nanos(), new LinkEvent.PeerRequest(t.conn(), method, id));
        }
    }

    private void serverResponse(Seen.Text t, JsonObject o) {
        String id = Json.id(o);
        if (id == null) {
            append(t.conn(), t.nanos(), new LinkEvent.PeerDecodeProblem(t.conn(), "server", "a response without an id"));
            return;
        }
        Conn c = conn(t.conn());
        Open open = c.open.remove(id);
        Boolean ok = Json.bool(o, "ok");
        JsonObject payload = Json.object(o, "payload");
        if (open != null && "connect".equals(open.method()) && Boolean.TRUE.equals(ok)
                && "hello-ok".equals(Json.string(payload, "type"))) {
            JsonObject features = Json.object(payload, "features");
            java.util.List<String> methods = Json.strings(features, "methods");
            Long tick = Json.number(Json.object(payload, "policy"), "tickIntervalMs");
            String version = Json.string(Json.object(payload, "server"), "version");
            Integer protocol = Json.integer(payload, "protocol");
            append(t.conn(), t.nanos(), new LinkEvent.PeerHelloOk(t.conn(), version == null ? "?" : version,
                    protocol == null ? 0 : protocol, tick == null ? 0 : tick,
                    methods == null ? java.util.List.of() : methods, Json.string(Json.object(payload, "auth"), "method")));
            return;
        }
        JsonObject error = Json.object(o, "error");
        append(t.conn(), t.nanos(), new LinkEvent.PeerResponse(t.conn(), open == null ? null : open.method(), id,
                Boolean.TRUE.equals(ok), Json.string(error, "code"), Json.string(Json.object(error, "details"), "code"),
                Json.number(error, "retryAfterMs"), open == null ? null : rtt(t.nanos() - open.nanos()), null));
    }

    private void serverEvent(Seen.Text t, JsonObject o) {
        String event = Json.string(o, "event");
        Long seq = Json.number(o, "seq");
        Conn c = conn(t.conn());
        if (seq != null && c.connection != null) {
            c.connection.lastServerSeq.set(seq);
        }
        Long restart = "shutdown".equals(event) ? Json.number(Json.object(o, "payload"), "restartExpectedMs") : null;
        append(t.conn(), t.nanos(), new LinkEvent.PeerEvent(t.conn(), event == null ? "(none)" : event, seq, restart, null));
    }

    private void control(Seen.Control control) {
        Conn c = conn(control.conn());
        int side = control.from().ordinal();
        int conn = control.conn();
        switch (control.opcode()) {
            case Opcode.PING -> {
                c.lastPing[side] = control.nanos();
                append(conn, control.nanos(), new LinkEvent.PeerWsPing(conn, control.from().wire()));
            }
            case Opcode.PONG -> {
                long ping = c.lastPing[1 - side];
                c.lastPing[1 - side] = 0;
                append(conn, control.nanos(), new LinkEvent.PeerWsPong(conn, control.from().wire(),
                        ping == 0 ? null : rtt(control.nanos() - ping), control.dropped() ? Boolean.TRUE : null));
            }
            case Opcode.CLOSE -> {
                boolean clientFirst = c.firstClose == null && control.from() == Side.CLIENT;
                if (c.firstClose == null) {
                    c.firstClose = control.from().wire();
                }
                try {
                    CloseFrame close = CloseFrame.parse(control.payload());
                    Integer code = close.code() == CloseFrame.NO_STATUS ? null : close.code();
                    append(conn, control.nanos(), new LinkEvent.PeerClose(conn, control.from().wire(), code,
                            Text.printable(close.reason(), 123)));
                } catch (ProtocolViolation e) {
                    append(conn, control.nanos(), new LinkEvent.PeerDecodeProblem(conn, control.from().wire(),
                            "a close frame that breaks the RFC: " + e.getMessage()));
                }
                if (clientFirst) {
                    clientEnds(conn, c, control.nanos()); // after its peer_close line: the close, then what it means
                }
            }
            default -> {
                // Reserved control opcodes were named as problems when their header arrived.
            }
        }
    }

    /**
     * The client's close frame, sent before anything of the server's: it has given up on the
     * connection, whatever the TCP end does later (under a freeze, its close handshake cannot
     * finish and the socket ends only at its close timeout). This is when it noticed a fault, and
     * where the gap to its next connect begins.
     */
    private void clientEnds(int conn, Conn c, long nanos) {
        c.endMarked = true;
        notice(conn, c, nanos, "close_frame");
        lastEndedConn = conn;
        lastEndedNanos = nanos;
    }

    private void notice(int conn, Conn c, long nanos, String how) {
        if (c.noticed) {
            return;
        }
        if (c.stalled) {
            c.noticed = true;
            append(conn, nanos, new LinkEvent.PeerNoticed(conn, "stall-upgrade", ms(nanos - c.openedNanos), how));
        } else if (fault != null && faultNoticeable) {
            c.noticed = true;
            append(conn, nanos, new LinkEvent.PeerNoticed(conn, fault,
                    ms(nanos - Math.max(faultSince, c.openedNanos)), how));
        }
    }

    private void closed(Seen.Closed closed) {
        finish(closed.conn(), closed.nanos(), closed.byObserver());
        conns.remove(closed.conn());
    }

    /** Journals the end of connection {@code conn} once: at the client's end of stream or the close, whichever is first. */
    private void finish(int conn, long nanos, boolean byObserver) {
        Conn c = conn(conn);
        if (c.finished) {
            return;
        }
        c.finished = true;
        String how;
        String by;
        if (c.firstClose != null) {
            how = "close_frame";
            by = c.firstClose;
        } else if (byObserver) {
            how = "rst";
            by = "observer";
        } else if (c.firstEnd != null) {
            how = c.firstEndReset ? "rst" : "fin";
            by = c.firstEnd.wire();
        } else {
            how = "rst";
            by = "server";
        }
        if (!c.upgradeJournaled && c.request != null) {
            upgrade(conn, nanos, null);
        }
        disconnected(conn, nanos, how, by);
    }

    private void disconnected(int conn, long nanos, String how, String by) {
        Conn c = conns.get(conn);
        long opened = c == null ? nanos : c.openedNanos;
        append(conn, nanos, new LinkEvent.PeerDisconnect(conn, how, by, ms(nanos - opened)));
        if ("client".equals(by) && c != null) {
            notice(conn, c, nanos, how);
        }
        // The gap to the next connect runs from the TCP end, unless the client connected again between
        // its close frame and that end: then from the close frame, which already set it.
        if (c == null || !c.endMarked || lastEndedConn == conn) {
            lastEndedConn = conn;
            lastEndedNanos = nanos;
        }
    }

    private Conn conn(int conn) {
        return conns.computeIfAbsent(conn, n -> new Conn(System.nanoTime(), null));
    }

    /** Journals how many frames were not journaled since the last report: at most once a second unless {@code now}. */
    private void reportDrops(long nanos, boolean now) {
        if (droppedTexts.get() + droppedFrames.get() == 0
                || !now && nanos - lastDropReportNanos <= 1_000_000_000L) {
            return;
        }
        long texts = droppedTexts.getAndSet(0);
        long frames = droppedFrames.getAndSet(0);
        lastDropReportNanos = nanos;
        append(0, nanos, new LinkEvent.Error("observer", texts + " text messages and " + frames
                + " other frames relayed without decoding: decoding fell " + behind() + " behind"));
    }

    private String behind() {
        return maxBacklogBytes >= 1 << 20 ? (maxBacklogBytes >> 20) + " MiB" : (maxBacklogBytes >> 10) + " KiB";
    }

    void append(int conn, long nanos, LinkEvent event) {
        journal.append(conn, nanos / 1_000_000.0, originWall.plusNanos(nanos - originNanos), event);
    }

    private static long ms(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }

    private static double rtt(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private record Open(String method, long nanos) {
    }

    /** What the analyzer keeps of one connection until it is gone. */
    private static final class Conn {
        final long openedNanos;
        final ObservedConnection connection;
        final Map<String, Open> open = new LinkedHashMap<>();
        final long[] lastPing = new long[2];
        Seen.Request request;
        boolean upgradeJournaled;
        boolean stalled;
        boolean finished;
        /** peer_noticed was written for this connection. */
        boolean noticed;
        /** The client's close frame already marked where the gap to its next connect begins. */
        boolean endMarked;
        String firstClose;
        Side firstEnd;
        boolean firstEndReset;

        Conn(long openedNanos, ObservedConnection connection) {
            this.openedNanos = openedNanos;
            this.connection = connection;
        }
    }
}
