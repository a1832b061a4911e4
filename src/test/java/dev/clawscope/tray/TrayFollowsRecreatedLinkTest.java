package dev.clawscope.tray;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.link.LinkState;
import dev.clawscope.operator.Operator;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recreated link brings a new operator: the tray must follow its approvals and glance, not the
 * closed operator of the link before.
 */
class TrayFollowsRecreatedLinkTest {

    @Test
    void afterARecreateTheTrayFollowsTheNewOperator(@TempDir Path settings) throws Exception {
        try (GatewaySession session = GatewaySession.open(new GatewayChoice.Demo("a test"), false,
                LinkTuning.defaults(), settings)) {
            TrayController controller = new TrayController(new RecordingTray(), session, new NoTrayActions());
            try {
                assertTrue(controller.start().get(10, TimeUnit.SECONDS), "the silent tray installs");
                session.connect();
                await().atMost(Duration.ofSeconds(10)).until(() -> session.status().state() == LinkState.CONNECTED);
                Operator before = session.operator();
                assertSame(before, controller.followedOperator());

                session.recreateLink();
                Operator after = session.operator();
                assertNotSame(before, after);
                await().atMost(Duration.ofSeconds(10)).until(() -> controller.followedOperator() == after);
            } finally {
                controller.close();
            }
        }
    }
}
