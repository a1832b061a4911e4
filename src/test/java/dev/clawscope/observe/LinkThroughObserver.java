package dev.clawscope.observe;

import static org.awaitility.Awaitility.await;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.link.LinkConfig;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Clawscope's own link through an {@link Observer} to the simulator, all on loopback: two journals
 * of one run, the observer's ({@link #seen()}) and the link's ({@link #linkJournal()}). Closing it
 * disposes the link and closes the observer, the simulator and both journals.
 */
public final class LinkThroughObserver implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final SimGateway sim;
    private final Journal seen = new Journal();
    private final Journal linkJournal = new Journal();
    private final DeviceIdentity identity = DeviceIdentity.generate();
    private Observer observer;
    private GatewayLink link;

    private LinkThroughObserver(SimGateway sim) {
        this.sim = sim;
    }

    /**
     * Starts the simulator with {@code token}, an observer in front of it (its settings changed by
     * {@code settings}) and a connected link through it (its config changed by {@code config}).
     */
    public static LinkThroughObserver start(String token, UnaryOperator<Observer.Settings> settings,
            UnaryOperator<LinkConfig> config) throws IOException {
        LinkThroughObserver run = new LinkThroughObserver(SimGateway.start(SimConfig.defaults(token)));
        try {
            int port = run.sim.port();
            run.observer = Observer.start(settings.apply(new Observer.Settings(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", port), "ws://127.0.0.1:" + port)), run.seen);
            run.link = connect(run.observer.clientUrl(), token, run.linkJournal, run.identity, config);
            return run;
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /**
     * Clawscope's own link as the observed client: a CLI client ({@code cli 0.1.0-test}, linux) with
     * {@code token}, connecting to {@code clientUrl} and journaling into {@code journal}.
     */
    public static GatewayLink connect(String clientUrl, String token, Journal journal, DeviceIdentity identity,
            UnaryOperator<LinkConfig> config) {
        LinkConfig linkConfig = config.apply(LinkConfig.defaults(GatewayAddress.parse(clientUrl, false),
                Secret.of(token), ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"),
                List.of("operator.read", "operator.write")));
        GatewayLink link = GatewayLink.create(linkConfig, journal, identity, DeviceTokenStore.inMemory(),
                Optional.empty());
        link.connect();
        return link;
    }

    public SimGateway sim() {
        return sim;
    }

    public Observer observer() {
        return observer;
    }

    /** The observer's journal. */
    public Journal seen() {
        return seen;
    }

    public Journal linkJournal() {
        return linkJournal;
    }

    /** The link's device identity. */
    public DeviceIdentity identity() {
        return identity;
    }

    /** Disposes the link; the rest stays up. */
    public void disposeLink() {
        if (link != null) {
            link.dispose();
            link = null;
        }
    }

    /** Waits until the observer's journal holds {@code count} events of {@code type}; returns the last of them. */
    public <T extends LinkEvent> T awaitEvent(Class<T> type, int count) {
        await().atMost(WAIT).until(() -> events(type).size() >= count);
        return events(type).get(count - 1);
    }

    /** The events of {@code type} in the observer's journal so far. */
    public <T extends LinkEvent> List<T> events(Class<T> type) {
        return of(seen.snapshot(), type);
    }

    /** The events of {@code type} in the link's journal so far. */
    public <T extends LinkEvent> List<T> linkEvents(Class<T> type) {
        return of(linkJournal.snapshot(), type);
    }

    public static <T extends LinkEvent> List<T> of(List<JournalEntry> entries, Class<T> type) {
        return entries.stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        disposeLink();
        if (observer != null) {
            observer.close();
        }
        sim.close();
        seen.close();
        linkJournal.close();
    }
}
