package dev.clawscope.link;

import java.time.Duration;

/** Link settings tests share. */
final class LinkHarnessConfigs {

    private LinkHarnessConfigs() {
    }

    /** Own pings, watchdog and probe off: virtual minutes can pass without real traffic. */
    static LinkConfig quiet(LinkConfig c) {
        return c.withWsPing(Duration.ZERO, Duration.ofSeconds(10)).withTickWatchdog(0).withProbe(null, Duration.ZERO);
    }
}
