package dev.clawscope.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static final String FORMS = "pass, blackhole [DURATION], reset, delay MS|MIN-MAX [DURATION], "
            + "throttle BYTES_PER_S [DURATION], refuse [DURATION], heal";

    @Test
    void parsesEveryFault() {
        assertEquals(new Fault.Pass(), parsed("pass"));
        assertEquals(new Fault.Heal(), parsed("heal"));
        assertEquals(new Fault.Reset(), parsed("reset"));
        assertEquals(new Fault.Blackhole(Optional.empty()), parsed("blackhole"));
        assertEquals(new Fault.Blackhole(Optional.of(Duration.ofSeconds(30))), parsed("blackhole 30s"));
        assertEquals(new Fault.Delay(2000, Optional.empty()), parsed("delay 2000"));
        assertEquals(new Fault.Delay(2000, Optional.empty()), parsed("delay 2s"));
        assertEquals(new Fault.Delay(250, Optional.of(Duration.ofMinutes(1))), parsed("delay 250ms 1m"));
        assertEquals(new Fault.Delay(0, 2000, Optional.empty()), parsed("delay 0-2000"));
        assertEquals(new Fault.Delay(500, 2000, Optional.of(Duration.ofSeconds(30))), parsed("delay 500ms-2s 30s"));
        assertEquals(new Fault.Delay(300, Optional.empty()), parsed("delay 300-300"), "an empty range is a fixed delay");
        assertEquals(new Fault.Throttle(1024, Optional.empty()), parsed("throttle 1024"));
        assertEquals(new Fault.Throttle(1024, Optional.of(Duration.ofSeconds(5))), parsed("throttle 1024 5"));
        assertEquals(new Fault.Refuse(Optional.of(Duration.ofSeconds(10))), parsed("refuse 10s"));
        assertEquals(new Fault.Refuse(Optional.empty()), parsed("refuse"));
    }

    @ParameterizedTest
    @CsvSource({
        "blackhole 500ms, PT0.5S",
        "blackhole 30s,   PT30S",
        "blackhole 30,    PT30S",
        "blackhole 2m,    PT2M",
        "blackhole 1h,    PT1H",
        "'  BlackHole   2M  ', PT2M"
    })
    void readsDurationsWithABareNumberMeaningSeconds(String command, Duration expected) {
        assertEquals(Optional.of(expected), parsed(command).duration());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "foo              # unknown fault 'foo'; use one of: " + FORMS,
        "''               # empty fault; use one of: " + FORMS,
        "delay            # delay needs a duration in ms, e.g. delay 2000, or a range drawn per chunk, e.g. delay 0-2000 (optionally for how long: delay 2000 30s)",
        "delay soon       # bad delay 'soon'; use a duration in ms, e.g. delay 2000, or a range drawn per chunk, e.g. delay 0-2000 (units work too: delay 500ms-2s)",
        "delay 1 2 3      # delay needs a duration in ms, e.g. delay 2000, or a range drawn per chunk, e.g. delay 0-2000 (optionally for how long: delay 2000 30s)",
        "delay -5         # delay must not be negative, got '-5'; use e.g. delay 2000 or delay 0-2000",
        "delay -5-100     # delay must not be negative, got '-5-100'; use e.g. delay 2000 or delay 0-2000",
        "delay 2000-100   # delay range '2000-100' goes down; the shorter delay comes first, e.g. delay 100-2000",
        "delay 0-         # bad delay '0-'; use a duration in ms, e.g. delay 2000, or a range drawn per chunk, e.g. delay 0-2000 (units work too: delay 500ms-2s)",
        "delay 0--5       # bad delay '0--5'; use a duration in ms, e.g. delay 2000, or a range drawn per chunk, e.g. delay 0-2000 (units work too: delay 500ms-2s)",
        "delay 0-25h      # '25h' is too long; at most 24h",
        "delay 0-2000 0s  # delay duration must be positive, got '0s'",
        "throttle         # throttle needs a rate in bytes per second, e.g. throttle 1024 (optionally for how long: throttle 1024 30s)",
        "throttle 0       # throttle needs a positive rate, e.g. throttle 1024",
        "throttle 1k      # throttle needs a rate in bytes per second, e.g. throttle 1024 (optionally for how long: throttle 1024 30s)",
        "blackhole 30x    # bad duration '30x' for blackhole; use e.g. 500ms, 30s, 2m (a bare number is seconds)",
        "blackhole -1     # bad duration '-1' for blackhole; use e.g. 500ms, 30s, 2m (a bare number is seconds)",
        "blackhole 0s     # blackhole duration must be positive, got '0s'",
        "blackhole 1s 2s  # blackhole takes at most one duration, e.g. blackhole 30s",
        "refuse 25h       # '25h' is too long; at most 24h",
        "reset 5s         # reset takes no argument, got '5s'",
        "heal now         # heal takes no argument, got 'now'"
    })
    void rejectsBadInputWithAMessageThatSaysWhatToType(String command, String message) {
        FaultParseResult result = Fault.parse(command);
        if (!(result instanceof FaultParseResult.Rejected rejected)) {
            throw new AssertionError("expected '" + command + "' to be rejected, got " + result);
        }
        assertEquals(message, rejected.message());
    }

    @Test
    void describesFaultsForAConsole() {
        assertEquals("blackhole for 30s", parsed("blackhole 30s").describe());
        assertEquals("blackhole", parsed("blackhole").describe());
        assertEquals("delay 2000ms", parsed("delay 2000").describe());
        assertEquals("delay 1500ms for 2m", parsed("delay 1500 120").describe());
        assertEquals("delay 0-2000ms", parsed("delay 0-2000").describe());
        assertEquals("delay 100-400ms for 1m", parsed("delay 100-400 1m").describe());
        assertEquals("throttle 1024 B/s for 500ms", parsed("throttle 1024 500ms").describe());
        assertEquals("refuse for 1h", parsed("refuse 3600").describe());
        assertEquals("reset", parsed("reset").describe());
        assertEquals("fault applied: blackhole for 1s",
                new FaultEvent(parsed("blackhole 1s"), FaultEvent.Cause.APPLIED).describe());
        assertEquals("fault expired: refuse for 10s, back to pass",
                new FaultEvent(parsed("refuse 10s"), FaultEvent.Cause.EXPIRED).describe());
    }

    @Test
    void recordsRejectValuesTheParserNeverProduces() {
        assertThrows(IllegalArgumentException.class, () -> new Fault.Throttle(0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Delay(-1, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Delay(2000, 100, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Fault.Blackhole(Optional.of(Duration.ZERO)));
        assertThrows(NullPointerException.class, () -> new Fault.Refuse(null));
    }

    private static Fault parsed(String command) {
        FaultParseResult result = Fault.parse(command);
        if (result instanceof FaultParseResult.Parsed parsed) {
            return parsed.fault();
        }
        return fail("expected '" + command + "' to parse, got " + result);
    }
}
