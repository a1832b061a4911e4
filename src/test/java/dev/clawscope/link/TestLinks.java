package dev.clawscope.link;

import dev.clawscope.journal.Journal;
import java.util.SplittableRandom;

/** Links on a transport of the caller's choosing, for benchmarks that compare transports. */
public final class TestLinks {

    private TestLinks() {
    }

    /** A link on its own owner thread and {@code transport}, with a fresh device identity. */
    public static GatewayLink create(LinkConfig config, Transport transport, Journal journal) {
        return new GatewayLink(config, transport, new RealLinkExecutor(), journal,
                dev.clawscope.protocol.DeviceIdentity.generate(), DeviceTokenStore.inMemory(),
                new SplittableRandom());
    }
}
