package dev.clawscope.proof;

import dev.clawscope.journal.ClosedBy;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.journal.LivenessKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Journals with exactly known statistics, and a longer realistic one for looking at. */
public final class SyntheticJournals {

    private SyntheticJournals() {
    }

    /**
     * Two minutes: connected at 40 ms; pong timeout at 55.04 s after 10 s of silence, three
     * reconnects (1 s, 2 s, 4 s; two refused), hello at 62.1 s; gateway restart at 100 s (shutdown
     * notice, close 1012), one reconnect after 5 s, hello at 105.05 s; disposed at 120 s in 4 ms.
     */
    public static List<JournalEntry> twoOutages() {
        return new JournalBuilder()
                .connect(0, 1)
                .ping(15_040, 3)
                .at(30_000, new LinkEvent.Tick(1))
                .ping(30_040, 5)
                .at(31_000, new LinkEvent.ProbeSent("health"))
                .at(31_012, new LinkEvent.ProbeOk("health", 12))
                .at(44_000, new LinkEvent.FaultInjected("blackhole"))
                .at(45_040, new LinkEvent.WsPingSent())
                .at(55_040, new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_000, 10_000))
                .at(55_040, new LinkEvent.Closed(4000, "ws_pong timeout", ClosedBy.CLIENT))
                .state(55_040, "backoff")
                .scheduled(55_040, 1, 1_000, "pong_timeout")
                .refused(56_040, 1)
                .scheduled(56_050, 2, 2_000, "connect_failed")
                .refused(58_050, 2)
                .scheduled(58_060, 3, 4_000, "connect_failed")
                .at(60_000, new LinkEvent.FaultInjected("heal"))
                .connect(62_040, 3)
                .ping(77_100, 4)
                .ping(92_100, 6)
                .at(100_000, new LinkEvent.ShutdownNotice("restart", 5_000L))
                .at(100_010, new LinkEvent.Closed(1012, "service restart", ClosedBy.SERVER))
                .state(100_010, "backoff")
                .scheduled(100_010, 1, 5_000, "shutdown")
                .connect(104_990, 1)
                .ping(107_050, 20)
                .dispose(120_000, 4)
                .build();
    }

    /**
     * Five minutes of a realistic run with pings every 15 s, ticks and probes every 30 s: a
     * blackhole from 70 s detected by the pong deadline and healed at 112 s, a gateway restart
     * at 200 s that answers 1013 for a while, and disposal at 300 s.
     */
    public static List<JournalEntry> fiveMinutes() {
        Random random = new Random(7);
        JournalBuilder b = new JournalBuilder().connect(0, 1);
        // healthy until the blackhole
        for (double ping = 15_000; ping < 70_000; ping += 15_000) {
            b.ping(ping, 2 + random.nextDouble() * 6);
        }
        for (double tick = 30_000; tick < 70_000; tick += 30_000) {
            b.at(tick, new LinkEvent.Tick((long) (tick / 30_000)));
            b.at(tick + 200, new LinkEvent.ProbeSent("health"));
            b.at(tick + 215, new LinkEvent.ProbeOk("health", 15 + random.nextDouble() * 10));
        }
        b.at(70_000, new LinkEvent.FaultInjected("blackhole 40s"));
        b.at(75_000, new LinkEvent.WsPingSent());
        b.at(85_000, new LinkEvent.LivenessTimeout(LivenessKind.WS_PONG, 10_000, 10_000));
        b.at(85_000, new LinkEvent.Closed(4000, "ws_pong timeout", ClosedBy.CLIENT));
        b.state(85_000, "backoff");
        double at = 85_000;
        long[] delays = {730, 1_520, 3_340, 6_100, 11_900, 9_800};
        for (int i = 0; i < delays.length; i++) {
            b.scheduled(at + 10, i + 1, delays[i], i == 0 ? "pong_timeout" : "connect_failed");
            at += 10 + delays[i];
            if (at < 112_000) {
                // the proxy accepts and then stays silent until the handshake times out
                b.state(at, "connecting").at(at, new LinkEvent.ConnectAttempt(i + 1, JournalBuilder.URL))
                        .at(at + 5, new LinkEvent.SocketOpen()).state(at + 5, "handshaking")
                        .at(at + 1_000, new LinkEvent.HandshakeFailed(null, null, true, null, 1008))
                        .at(at + 1_000, new LinkEvent.Closed(1008, "connect challenge timeout", ClosedBy.CLIENT))
                        .state(at + 1_000, "backoff");
                at += 1_000;
            } else {
                break;
            }
        }
        b.at(112_000, new LinkEvent.FaultInjected("heal"));
        b.connect(at, delays.length);
        for (double ping = at + 15_000; ping < 200_000; ping += 15_000) {
            b.ping(ping, 2 + random.nextDouble() * 6);
        }
        for (double tick = 120_000; tick < 200_000; tick += 30_000) {
            b.at(tick, new LinkEvent.Tick((long) (tick / 30_000)));
            b.at(tick + 200, new LinkEvent.ProbeSent("health"));
            b.at(tick + 215, new LinkEvent.ProbeOk("health", 15 + random.nextDouble() * 10));
        }
        b.at(200_000, new LinkEvent.ShutdownNotice("gateway restarting", 8_000L));
        b.at(200_020, new LinkEvent.Closed(1012, "service restart", ClosedBy.SERVER));
        b.state(200_020, "backoff");
        b.scheduled(200_020, 1, 8_000, "shutdown");
        b.state(208_020, "connecting").at(208_020, new LinkEvent.ConnectAttempt(1, JournalBuilder.URL))
                .at(208_030, new LinkEvent.SocketOpen()).state(208_030, "handshaking")
                .at(208_040, new LinkEvent.HandshakeFailed("UNAVAILABLE", null, true, 3_000L, 1013))
                .at(208_040, new LinkEvent.Closed(1013, "gateway starting", ClosedBy.SERVER))
                .state(208_040, "backoff");
        b.scheduled(208_040, 2, 3_000, "retry_after");
        b.connect(211_040, 2);
        for (double ping = 226_000; ping < 300_000; ping += 15_000) {
            b.ping(ping, 2 + random.nextDouble() * 6);
        }
        for (double tick = 240_000; tick < 300_000; tick += 30_000) {
            b.at(tick, new LinkEvent.Tick((long) (tick / 30_000)));
        }
        b.dispose(300_000, 6.5);
        return sorted(b.build());
    }

    /** Entries were added lane by lane; the journal orders them by time. */
    private static List<JournalEntry> sorted(List<JournalEntry> entries) {
        List<JournalEntry> byTime = entries.stream()
                .sorted(Comparator.comparingDouble(JournalEntry::monoMs).thenComparingLong(JournalEntry::seq))
                .toList();
        ArrayList<JournalEntry> renumbered = new ArrayList<>();
        for (JournalEntry e : byTime) {
            renumbered.add(new JournalEntry(renumbered.size() + 1, e.ts(), e.monoMs(), e.gen(), e.event()));
        }
        return List.copyOf(renumbered);
    }
}
