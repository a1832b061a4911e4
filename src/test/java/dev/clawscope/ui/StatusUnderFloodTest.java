package dev.clawscope.ui;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import dev.clawscope.link.LinkStatus;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.tray.RecordingTray;
import dev.clawscope.tray.NoTrayActions;
import dev.clawscope.tray.TrayController;
import dev.clawscope.tray.TrayStatus;
import dev.clawscope.ui.inspector.InspectorView;
import dev.clawscope.ui.inspector.InspectorViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A journal flooded past every bound (its ring, each subscriber's queue, the window's FX batcher)
 * while the link disconnects and reconnects: the window's view model, the tray and the operator
 * still show the final state, because they read the link's status, not the journal.
 */
@ExtendWith(ApplicationExtension.class)
class StatusUnderFloodTest {

    /** More than the ring, a subscriber's queue and the FX batcher hold. */
    private static final int FLOOD = Journal.DEFAULT_CAPACITY + Journal.DEFAULT_QUEUE_CAPACITY + 200_000;

    @TempDir
    static Path settings;

    private GatewaySession session;
    private InspectorViewModel model;
    private TrayController trayController;
    private final RecordingTray tray = new RecordingTray();

    @Start
    void start(Stage stage) throws Exception {
        session = GatewaySession.open(new GatewayChoice.Demo("a test"), false, LinkTuning.defaults(), settings);
        model = new InspectorViewModel(session);
        stage.setScene(new Scene(new InspectorView(model), 900, 600));
        stage.show();
    }

    @AfterEach
    void close() {
        if (trayController != null) {
            trayController.close();
        }
        session.close();
    }

    @Test
    void theWindowTheTrayAndTheOperatorEndOnTheFinalStateAfterAFlood() throws Exception {
        trayController = new TrayController(tray, session, new NoTrayActions());
        assertTrue(trayController.start().get(10, TimeUnit.SECONDS), "the recording tray installs");
        await().atMost(Duration.ofSeconds(10)).until(() -> tray.status() == TrayStatus.GREY);
        long beforeConnect = System.currentTimeMillis();

        // The FX thread stalls while the link connects and the flood goes on past every bound after that.
        CountDownLatch fxStalled = new CountDownLatch(1);
        CountDownLatch floodDone = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxStalled.countDown();
            try {
                floodDone.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(fxStalled.await(5, TimeUnit.SECONDS));
        Journal journal = session.journal();
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            int after = 0;
            while (after < FLOOD) {
                journal.append(0, new LinkEvent.FaultInjected("flood"));
                if (session.status().state() == LinkState.CONNECTED) {
                    after++;
                }
            }
        });
        session.connect();
        try {
            flood.get(120, TimeUnit.SECONDS);
        } finally {
            floodDone.countDown();
        }
        assertTrue(journal.kept().dropped() > 0, "the ring overflowed");
        await().atMost(Duration.ofSeconds(20)).until(() -> model.droppedOnTheWay() > 0);

        LinkStatus last = session.status();
        assertEquals(LinkState.CONNECTED, last.state());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(LinkState.CONNECTED, fx(() -> model.header().stateProperty().get()), "the window's state");
            assertEquals(last.connectedSinceMonoMs(), fx(() -> model.header().connectedSinceProperty().get()),
                    "the window's connected-since");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> tray.status() == TrayStatus.GREEN);
        await().atMost(Duration.ofSeconds(20)).until(() -> session.operator().glance().asOfMs() >= beforeConnect);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> query) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(query.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }
}
