package dev.clawscope.ui;

import atlantafx.base.theme.PrimerLight;
import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.InspectorSession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.ui.inspector.InspectorView;
import dev.clawscope.ui.inspector.InspectorViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
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
        InspectorSession session = InspectorSession.open(new GatewayChoice.Demo(
                "no gateway configured and no OpenClaw config at ~/.openclaw/openclaw.json; showing the demo gateway"),
                true, LinkTuning.demo(), settings);
        InspectorView view = onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            InspectorView v = new InspectorView(new InspectorViewModel(session));
            Stage stage = new Stage();
            Scene scene = new Scene(v, 1280, 800);
            scene.getStylesheets().add(ClawscopeApp.stylesheet());
            stage.setScene(scene);
            stage.setX(0);
            stage.setY(0);
            stage.setTitle("Clawscope");
            stage.show();
            return v;
        });
        InspectorViewModel model = view.model();
        model.connect().get();
        await(model, e -> e.event() instanceof LinkEvent.HelloOk, 20);
        await(model, e -> e.event() instanceof LinkEvent.ProbeOk, 20);
        pause(6_000);
        model.inject(new Fault.Blackhole(Optional.of(Duration.ofSeconds(30)))).get();
        JournalEntry timeout = await(model, e -> e.event() instanceof LinkEvent.LivenessTimeout, 20);
        await(model, e -> e.seq() > timeout.seq() && e.event() instanceof LinkEvent.ConnectAttempt, 20);
        pause(9_000);
        grab(out.resolve("inspector-blackhole.png"));
        model.inject(new Fault.Heal()).get();
        await(model, e -> e.seq() > timeout.seq() && e.event() instanceof LinkEvent.HelloOk, 40);
        pause(7_000);
        onFx(() -> {
            view.timeline().showAll();
            view.events().select(timeout);
            return null;
        });
        pause(1_000);
        grab(out.resolve("inspector-recovered.png"));
        onFx(() -> {
            view.events().typeFilter().getSelectionModel().select("reconnect_scheduled");
            return null;
        });
        pause(1_000);
        grab(out.resolve("inspector-filtered.png"));
        session.close();
        Platform.exit();
        System.exit(0);
    }

    private static JournalEntry await(InspectorViewModel model, Predicate<JournalEntry> match, int seconds)
            throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            List<JournalEntry> found = onFx(() -> model.entries().stream().filter(match).toList());
            if (!found.isEmpty()) {
                return found.get(0);
            }
            pause(100);
        }
        throw new IllegalStateException("the demo did not get there within " + seconds + " s");
    }

    /** Lets the demo run on screen: a scene, not a synchronization. */
    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    private static void grab(Path file) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("wrote " + file);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return action.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Platform::runLater).get(30, TimeUnit.SECONDS);
    }
}
