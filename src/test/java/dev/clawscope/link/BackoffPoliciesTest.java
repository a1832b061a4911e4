package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffPoliciesTest {

    @Test
    void listsTheDefaultFirst() {
        assertEquals(List.of("paced-jitter", "full-jitter", "openclaw-reference", "windows-tray"), BackoffPolicies.names());
        assertEquals("paced-jitter", BackoffPolicies.defaultPolicy().name());
        assertEquals(new PacedJitterBackoff(2_800, 30_000, 2_200, 3_200, 14_000, 22_000), BackoffPolicies.defaultPolicy());
    }

    @Test
    void findsEachPolicyByItsOwnName() {
        for (String name : BackoffPolicies.names()) {
            assertEquals(name, BackoffPolicies.byName(name).orElseThrow().name());
        }
        assertInstanceOf(WindowsTrayBackoff.class, BackoffPolicies.byName(" Windows-Tray ").orElseThrow());
        assertEquals(Optional.empty(), BackoffPolicies.byName("exponential"));
    }

    @Test
    void requireNamesTheKnownPoliciesWhenTheNameIsUnknown() {
        assertInstanceOf(OpenClawReferenceBackoff.class, BackoffPolicies.require("openclaw-reference"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackoffPolicies.require("fibonacci"));

        assertEquals("unknown backoff policy \"fibonacci\"; known policies: paced-jitter, full-jitter, openclaw-reference, windows-tray",
                e.getMessage());
    }
}
