package dev.clawscope.ui;

import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.session.SourceSession;
import dev.clawscope.ui.inspector.ControlsModel;
import dev.clawscope.ui.inspector.InspectorView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Takes the README's screenshots from a real window on a real X display (run it under Xvfb, see
 * {@code scripts/screenshots.sh}): the demo gateway connected, a 30 s blackhole the link detects,
 * its reconnect attempts, the heal and the recovery. The screen is grabbed with ImageMagick's
 * {@code import -window root}. Not a test.
 *
 * <p>Arguments: {@code OUTPUT_DIR} (default {@code assets}).
 */
public final class DemoScreenshots {

    private DemoScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(out);
        Path settings = Files.createTempDirectory("clawscope-shots");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        GatewaySession session = GatewaySession.open(new GatewayChoice.Demo(
                "no gateway configured and no OpenClaw config at ~/.openclaw/openclaw.json; showing the demo gateway"),
                true, LinkTuning.demo(), settings);
        InspectorView view = show(session);
        ControlsModel model = view.model().controls();
        model.connect().get();
        JournalEntry hello = await(session, e -> e.event() instanceof LinkEvent.HelloOk, 1, 20);
        // Let a few heartbeats show before the fault: three ticks and a health probe.
        await(session, e -> e.seq() > hello.seq() && e.event() instanceof LinkEvent.Tick, 3, 20);
        await(session, e -> e.event() instanceof LinkEvent.ProbeOk, 1, 20);
        model.inject("fault-blackhole-30").get();
        JournalEntry timeout = await(session, e -> e.event() instanceof LinkEvent.LivenessTimeout, 1, 20);
        // Two reconnect attempts into the blackhole, so the backoff shows.
        await(session, e -> e.seq() > timeout.seq() && e.event() instanceof LinkEvent.ConnectAttempt, 2, 30);
        afterFrames(3);
        grab(out.resolve("inspector-blackhole.png"));
        model.inject("fault-heal").get();
        JournalEntry back = await(session, e -> e.seq() > timeout.seq() && e.event() instanceof LinkEvent.HelloOk, 1, 40);
        await(session, e -> e.seq() > back.seq() && e.event() instanceof LinkEvent.Tick, 3, 20);
        showAllSelecting(view, timeout);
        grab(out.resolve("inspector-recovered.png"));
        onFx(() -> {
            view.events().typeFilter().getSelectionModel().select("reconnect_scheduled");
            return null;
        });
        afterFrames(3);
        grab(out.resolve("inspector-filtered.png"));
        session.close();
        Platform.exit();
        System.exit(0);
    }

    /** The window on {@code session} in the light theme, filling the screen's 1280 x 800 at its top left. */
    static InspectorView show(SourceSession session) throws Exception {
        return onFx(() -> {
            Stage stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            stage.setTitle("Clawscope");
            return InspectorStage.show(stage, session, 1280, 800);
        });
    }

    /** The whole session in view with {@code entry} selected, once the screen shows it. */
    static void showAllSelecting(InspectorView view, JournalEntry entry) throws Exception {
        onFx(() -> {
            view.timeline().showAll();
            view.events().select(entry);
            return null;
        });
        afterFrames(3);
    }

    /** The {@code count}-th journal entry that matches, waiting for it as the session runs. */
    static JournalEntry await(SourceSession session, Predicate<JournalEntry> match, int count, int seconds)
            throws Exception {
        CountDownLatch left = new CountDownLatch(count);
        JournalEntry[] last = new JournalEntry[1];
        try (var subscription = session.journal().subscribeWithBacklog("screenshots", e -> {
            if (match.test(e) && left.getCount() > 0) {
                last[0] = e;
                left.countDown();
            }
        })) {
            if (!left.await(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the demo did not get there within " + seconds + " s");
            }
            return last[0];
        }
    }

    /** Returns once the FX thread has shown {@code n} more frames, so the screen shows the latest state. */
    static void afterFrames(int n) throws Exception {
        CountDownLatch frames = new CountDownLatch(n);
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.countDown();
            }
        };
        Platform.runLater(timer::start);
        try {
            if (!frames.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no frames");
            }
        } finally {
            Platform.runLater(timer::stop);
        }
    }

    static void grab(Path file) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("wrote " + file);
    }

    static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return action.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Platform::runLater).get(30, TimeUnit.SECONDS);
    }
}
