package dev.clawscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration {@link RealPrometheus} writes, and the targets it refuses before starting anything. */
class RealPrometheusConfigTest {

    @Test
    void oneJobWithTheTargetsAndATimeoutNoLongerThanTheInterval() {
        assertEquals("""
                global:
                  scrape_interval: 1000ms
                  scrape_timeout: 1000ms
                  evaluation_interval: 1000ms
                scrape_configs:
                  - job_name: clawscope
                    static_configs:
                      - targets:
                          - "127.0.0.1:9464"
                          - "[::1]:9465"
                """, RealPrometheus.config(List.of("127.0.0.1:9464", "[::1]:9465"), Duration.ofSeconds(1)));
    }

    @Test
    void theTimeoutStaysAtTenSecondsForLongIntervals() {
        String yml = RealPrometheus.config(List.of(), Duration.ofMinutes(1));

        assertEquals(true, yml.contains("scrape_interval: 60000ms\n  scrape_timeout: 10000ms\n"), yml);
        assertEquals(true, yml.contains("- targets: []\n"), yml);
    }

    @Test
    void refusesTargetsOffLoopbackOrThatCouldBreakTheYaml(@TempDir Path dir) {
        for (String bad : List.of("10.0.0.1:9464", "example.org:80", "127.0.0.1", "127.0.0.1:9464\"\n- x", "")) {
            assertThrows(IllegalArgumentException.class,
                    () -> RealPrometheus.start(dir, List.of(bad), Duration.ofSeconds(1)), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> RealPrometheus.start(dir, List.of("127.0.0.1:1"), Duration.ZERO));
    }

    @Test
    void labelValuesAreEscapedForPromql() {
        assertEquals("a\\\"b\\\\c\\n", RealPrometheus.labelValue("a\"b\\c\n"));
    }
}
