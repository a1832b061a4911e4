package dev.clawscope.link;

import static org.awaitility.Awaitility.await;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.protocol.ClientId;
import dev.clawscope.protocol.ClientInfo;
import dev.clawscope.protocol.ClientMode;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.protocol.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A link on a virtual-time owner thread, talking over real loopback sockets: tests move the
 * link's clock with {@link #advance} while the simulator and proxy run in real time.
 */
final class LinkHarness implements AutoCloseable {

    static final Duration REAL_WAIT = Duration.ofSeconds(10);
    static final String TOKEN = "link-test-token-9c2e";

    final VirtualLinkExecutor clock = new VirtualLinkExecutor();
    final Journal journal;
    final DeviceIdentity identity = DeviceIdentity.generate();
    final DeviceTokenStore tokens = DeviceTokenStore.inMemory();
    final GatewayLink link;

    LinkHarness(int port, String token, UnaryOperator<LinkConfig> tune) {
        this(port, token, List.of("operator.read", "operator.write"), tune);
    }

    LinkHarness(int port, String token, List<String> scopes, UnaryOperator<LinkConfig> tune) {
        this(port, token, scopes, tune, new Journal(), 5_000);
    }

    /** With a journal of the test's own (a small ring, say) and the transport's upgrade timeout. */
    LinkHarness(int port, String token, List<String> scopes, UnaryOperator<LinkConfig> tune, Journal journal,
                long upgradeTimeoutMs) {
        this.journal = journal;
        LinkConfig config = tune.apply(LinkConfig.defaults(GatewayAddress.parse("ws://127.0.0.1:" + port, false),
                token == null ? null : Secret.of(token),
                ClientInfo.of(ClientId.CLI, ClientMode.CLI, "0.1.0-test", "linux"), scopes));
        RandomGenerator random = new SplittableRandom(42);
        WsTransport transport = new WsTransport(upgradeTimeoutMs, Optional.empty());
        try {
            link = new GatewayLink(config, transport, clock, journal, identity, tokens, random);
        } catch (RuntimeException e) {
            transport.close();
            clock.shutdown(Duration.ofSeconds(5));
            journal.close();
            throw e;
        }
    }

    /** Moves the link's virtual clock. */
    void advance(Duration step) {
        clock.advance(step);
    }

    List<JournalEntry> entries() {
        return journal.snapshot();
    }

    <T extends LinkEvent> List<T> events(Class<T> type) {
        return entries().stream().map(JournalEntry::event).filter(type::isInstance).map(type::cast).toList();
    }

    long count(Class<? extends LinkEvent> type) {
        return events(type).size();
    }

    /** Waits in real time until an entry matches, letting the owner thread run. */
    JournalEntry awaitEntry(Predicate<JournalEntry> wanted) {
        await().atMost(REAL_WAIT).until(() -> entries().stream().anyMatch(wanted));
        return entries().stream().filter(wanted).findFirst().orElseThrow();
    }

    <T extends LinkEvent> T awaitEvent(Class<T> type) {
        return type.cast(awaitEntry(e -> type.isInstance(e.event())).event());
    }

    /** Waits for the n-th event of a type (1-based). */
    <T extends LinkEvent> T awaitEvent(Class<T> type, int n) {
        await().atMost(REAL_WAIT).until(() -> count(type) >= n);
        return events(type).get(n - 1);
    }

    void awaitState(LinkState state) {
        try {
            await().atMost(REAL_WAIT).until(() -> link.state() == state);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("link never reached " + state + "; journal:\n" + dump(), e);
        }
    }

    /** The journal as lines, for failure messages. */
    String dump() {
        StringBuilder text = new StringBuilder();
        entries().forEach(e -> text.append(dev.clawscope.journal.JournalJson.toLine(e), 0,
                Math.min(300, dev.clawscope.journal.JournalJson.toLine(e).length())).append('\n'));
        return text.toString();
    }

    JournalEntry last(Class<? extends LinkEvent> type) {
        List<JournalEntry> matching = entries().stream().filter(e -> type.isInstance(e.event())).toList();
        return matching.get(matching.size() - 1);
    }

    @Override
    public void close() {
        link.dispose();
        journal.close();
    }
}
