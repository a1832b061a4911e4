package dev.clawscope.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's process tree is stopped whole: SIGTERM first, a kill for what ignores it. */
class ClientProcessTest {

    @TempDir
    Path dir;

    @BeforeEach
    void unix() {
        assumeFalse(ClientCommand.windows(), "the tree is built with sh");
    }

    @Test
    void sigtermReachesEveryProcessOfTheTree() throws Exception {
        try (ClientLog log = log()) {
            ClientProcess client = ClientProcess.start("trap 'echo parent got TERM; exit 0' TERM;"
                    + " sh -c \"trap 'echo child got TERM; exit 0' TERM; echo child up; while :; do sleep 0.1; done\" &"
                    + " echo parent up; wait", Map.of(), log, "test-client", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log.file()).contains("child up")
                    && Files.readString(log.file()).contains("parent up"));
            List<ProcessHandle> tree = ProcessHandle.of(client.pid()).orElseThrow().descendants().toList();
            assertThat(tree).isNotEmpty();

            long t0 = System.nanoTime();
            client.stop(Duration.ofSeconds(5));

            // Everything ended before the grace ran out: by SIGTERM, not by the kill.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.alive()).isFalse();
            tree.forEach(p -> assertThat(p.isAlive()).as("pid " + p.pid()).isFalse());
        }
        assertThat(Files.readString(dir.resolve("client.log"))).contains("parent got TERM");
    }

    @Test
    void whatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        try (ClientLog log = log()) {
            ClientProcess client = ClientProcess.start("trap '' TERM; echo stubborn; while :; do sleep 0.1; done",
                    Map.of(), log, "test-client", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log.file()).contains("stubborn"));

            long t0 = System.nanoTime();
            client.stop(Duration.ofMillis(500));

            assertThat(client.alive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(client.exitCode()).isPresent();
        }
    }

    @Test
    void theClientSeesItsUrlAndTokenInTheEnvironment() throws Exception {
        try (ClientLog log = log()) {
            ClientProcess client = ClientProcess.start("echo \"$CLAWSCOPE_URL\"",
                    ClientCommand.environment("ws://127.0.0.1:1234", "t0k3n-in-env"), log, "test-client", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.alive());
            client.stop(Duration.ofSeconds(1));
        }
        assertThat(Files.readAllLines(dir.resolve("client.log"))).containsExactly("ws://127.0.0.1:1234");
    }

    @Test
    void placeholdersAreReplaced() {
        ClientCommand command = new ClientCommand("run --url {url} --host {host} --port {port} --token {token}");
        assertThat(command.render("ws://127.0.0.1:18790", "abc")).isEqualTo(
                "run --url ws://127.0.0.1:18790 --host 127.0.0.1 --port 18790 --token abc");
    }

    private ClientLog log() throws Exception {
        return new ClientLog(dir.resolve("client.log"), Redactor.withRandomKey(RedactionRules.defaults()), List.of(),
                1 << 20);
    }
}
