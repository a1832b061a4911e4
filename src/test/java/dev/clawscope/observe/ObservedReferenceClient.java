package dev.clawscope.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.JournalJson;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.Subscription;
import dev.clawscope.officialclient.ClientsScript;
import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One reference client ({@link ClientsScript}, {@code @openclaw/gateway-client} as shipped) that
 * connects through an {@link Observer} to a gateway, and the observer's journal with waits on it.
 * Closing it stops the client, then the observer (which drains its lines), then the journal.
 *
 * <p>The client's reconnect policy, which these runs check: 1 s after a close, then 2 s, 4 s, …
 * up to 30 s, no jitter, reset at hello-ok ({@link #backoffMs}).
 */
public final class ObservedReferenceClient implements AutoCloseable {

    /** How late a Node timer may fire while both cores of a small machine are busy. */
    public static final long TIMER_LATENESS_MS = 500;
    /**
     * How much earlier than the observer the client may see a connection end (the observer reads the
     * client's FIN after the client's own close event), over loopback.
     */
    public static final long SKEW_MS = 50;

    private final Journal journal = new Journal();
    private final List<JournalEntry> seen = new ArrayList<>();
    private final Subscription subscription;
    private final Observer observer;
    private ClientsScript client;

    private ObservedReferenceClient(Observer.Settings settings) throws IOException {
        this.subscription = journal.subscribeWithBacklog("test-watch", this::seen);
        try {
            this.observer = Observer.start(settings, journal);
        } catch (IOException | RuntimeException e) {
            subscription.close();
            journal.close();
            throw e;
        }
    }

    /** Settings for an observer on a free loopback port in front of a gateway on 127.0.0.1:{@code port}. */
    public static Observer.Settings inFrontOf(int port) {
        return new Observer.Settings(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", port),
                "ws://127.0.0.1:" + port);
    }

    /** Starts the observer, then one reference client against its {@link Observer#clientUrl()}. */
    public static ObservedReferenceClient start(Observer.Settings settings, Secret token)
            throws IOException, InterruptedException {
        ObservedReferenceClient run = new ObservedReferenceClient(settings);
        try {
            run.client = ClientsScript.start(List.of(run.observer.clientUrl()), token);
        } catch (IOException | InterruptedException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    public Observer observer() {
        return observer;
    }

    public ClientsScript client() {
        return client;
    }

    /** The client's reconnect delay before attempt {@code n} (1, 2, …) since its last hello-ok. */
    public static long backoffMs(int n) {
        return Math.min(30_000, 1_000L << Math.min(n - 1, 15));
    }

    /** Fails unless {@code reconnect} came {@code delayMs} after the connection before it ended, as timers allow. */
    public void assertGap(LinkEvent.PeerReconnect reconnect, long delayMs) {
        assertThat(reconnect.gapMs()).as("%s after a %d ms delay; the observer's journal:%n%s", reconnect, delayMs,
                describe()).isBetween(delayMs - SKEW_MS, delayMs + TIMER_LATENESS_MS);
    }

    /**
     * Waits for hello-ok on connection {@code conn} and checks what the reference client, as
     * clients.mjs runs it, said before it: its upgrade (answered 101, no compression agreed) and its
     * identity in {@code connect}. Returns the hello-ok for the server's side.
     */
    public Hit<LinkEvent.PeerHelloOk> awaitHello(int conn, Duration within) throws InterruptedException {
        var ok = await(LinkEvent.PeerHelloOk.class, h -> h.conn() == conn, 0, within);
        var hello = await(LinkEvent.PeerHello.class, h -> h.conn() == conn, 0, Duration.ZERO);
        assertThat(hello.event().clientId()).isEqualTo("cli");
        assertThat(hello.event().clientMode()).isEqualTo("cli");
        assertThat(hello.event().clientVersion()).isEqualTo(ClientsScript.CLIENT_VERSION);
        assertThat(hello.event().platform()).isEqualTo("linux");
        assertThat(hello.event().role()).isEqualTo("operator");
        assertThat(hello.event().scopes()).containsExactly("operator.read");
        assertThat(hello.event().auth()).as("the shared token, no device identity").isEqualTo("token");
        assertThat(hello.event().deviceId()).isNull();
        assertThat(hello.event().minProtocol()).isEqualTo(4);
        assertThat(hello.event().maxProtocol()).isEqualTo(4);
        var upgrade = await(LinkEvent.PeerUpgrade.class, u -> u.conn() == conn && u.status() != null, 0,
                Duration.ZERO);
        assertThat(upgrade.event().status()).isEqualTo(101);
        assertThat(upgrade.event().origin()).as("a Node client sends no Origin").isFalse();
        assertThat(upgrade.event().userAgent()).as("nor a User-Agent").isNull();
        assertThat(upgrade.event().extensions()).startsWith("permessage-deflate");
        assertThat(upgrade.event().acceptedExtensions()).as("the gateway turns compression down").isNull();
        assertThat(hello.seq()).isGreaterThan(upgrade.seq());
        assertThat(ok.seq()).isGreaterThan(hello.seq());
        return ok;
    }

    /** Applies {@code fault} and returns its {@code fault_injected} entry. */
    public Hit<LinkEvent.FaultInjected> apply(PeerFault fault) throws InterruptedException {
        long before = lastSeq();
        observer.apply(fault);
        return await(LinkEvent.FaultInjected.class, f -> f.kind().equals(fault.kind()), before, Duration.ofSeconds(5));
    }

    private synchronized void seen(JournalEntry entry) {
        seen.add(entry);
        notifyAll();
    }

    /** The first entry after {@code afterSeq} of this type that matches, waiting up to {@code within}. */
    public <T extends LinkEvent> Hit<T> await(Class<T> type, Predicate<T> match, long afterSeq, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            for (int checked = 0;;) {
                for (; checked < seen.size(); checked++) {
                    JournalEntry entry = seen.get(checked);
                    if (entry.seq() > afterSeq && type.isInstance(entry.event())
                            && match.test(type.cast(entry.event()))) {
                        return new Hit<>(entry, type.cast(entry.event()));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " as wanted after seq " + afterSeq
                            + " within " + within.toMillis() + " ms; the observer's journal:\n" + describe()
                            + "the reference client said:\n" + clientLines());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Every entry of this type so far, in order. */
    public synchronized <T extends LinkEvent> List<Hit<T>> all(Class<T> type) {
        List<Hit<T>> hits = new ArrayList<>();
        for (JournalEntry entry : seen) {
            if (type.isInstance(entry.event())) {
                hits.add(new Hit<>(entry, type.cast(entry.event())));
            }
        }
        return hits;
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(seen);
    }

    public synchronized long lastSeq() {
        return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).seq();
    }

    /** The journal as lines (mono ms relative to the first entry), ticks left out, for failure messages. */
    public synchronized String describe() {
        StringBuilder out = new StringBuilder();
        double origin = seen.isEmpty() ? 0 : seen.get(0).monoMs();
        for (JournalEntry entry : seen) {
            if (!(entry.event() instanceof LinkEvent.PeerEvent e && e.event().equals("tick"))) {
                out.append(String.format(Locale.ROOT, "  %9.1f %s%n", entry.monoMs() - origin,
                        JournalJson.toLine(entry)));
            }
        }
        return out.toString();
    }

    /** What the reference client reported itself, one line each. */
    public String clientLines() {
        if (client == null) {
            return "  (not started)\n";
        }
        StringBuilder out = new StringBuilder();
        client.lines().forEach(l -> out.append("  ").append(l).append('\n'));
        String stderr = client.stderrTail();
        if (!stderr.isBlank()) {
            out.append("  stderr: ").append(stderr.strip().replace("\n", "\n  stderr: ")).append('\n');
        }
        return out.toString();
    }

    /** Whether {@code secret} appears in any journal line. */
    public synchronized boolean journalContains(String secret) {
        return seen.stream().anyMatch(e -> JournalJson.toLine(e).contains(secret));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            observer.close();
            subscription.close();
            journal.close();
        }
    }

    /** A journal entry and its event. */
    public record Hit<T extends LinkEvent>(JournalEntry entry, T event) {
        public long seq() {
            return entry.seq();
        }

        public double monoMs() {
            return entry.monoMs();
        }
    }
}
