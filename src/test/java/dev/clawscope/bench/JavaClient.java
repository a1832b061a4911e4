package dev.clawscope.bench;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.DeviceTokenStore;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.protocol.Secret;
import java.net.URI;
import java.util.Optional;

/** A Java contender's link with its own journal, reporting into a {@link ClientWatch}. */
final class JavaClient implements AutoCloseable {

    private final Journal journal = new Journal();
    private final GatewayLink link;
    final ClientWatch watch;

    JavaClient(Contender contender, URI url, Secret token) {
        watch = new ClientWatch(contender);
        journal.subscribe("bench-watch", this::observe);
        link = GatewayLink.create(contender.config(GatewayAddress.parse(url.toString(), false), token), journal, null,
                DeviceTokenStore.inMemory(), Optional.empty());
    }

    JavaClient connect() {
        link.connect();
        return this;
    }

    Journal journal() {
        return journal;
    }

    private void observe(JournalEntry e) {
        long at = e.ts().toEpochMilli();
        if (e.event() instanceof LinkEvent.HelloOk) {
            watch.add(at, ClientWatch.Kind.HELLO, "hello_ok");
        } else if (e.event() instanceof LinkEvent.LivenessTimeout t) {
            watch.add(at, ClientWatch.Kind.DOWN, "liveness_timeout{" + t.kind() + "}");
        } else if (e.event() instanceof LinkEvent.Closed c) {
            watch.add(at, ClientWatch.Kind.DOWN, "closed " + c.code());
        }
    }

    @Override
    public void close() {
        link.dispose();
        journal.close();
    }
}
