package dev.clawscope.ui;

import static dev.clawscope.ui.DemoScreenshots.await;
import static dev.clawscope.ui.DemoScreenshots.grab;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.GatewayLink;
import dev.clawscope.observe.LinkThroughObserver;
import dev.clawscope.observe.ObserveRoute;
import dev.clawscope.protocol.DeviceIdentity;
import dev.clawscope.session.ObserveSession;
import dev.clawscope.ui.inspector.ControlsModel;
import dev.clawscope.ui.inspector.InspectorView;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.Platform;

/**
 * Takes the README's screenshot of an observed client (run it under Xvfb, see {@code
 * scripts/screenshots.sh}): the window started as {@code --observe 127.0.0.1:0=sim} would start it,
 * the reference client {@code @openclaw/gateway-client} (installed by {@code
 * scripts/official-client/install.sh}; without it, Clawscope's own link) connected to the URL the
 * header gives, a {@code restart} from the fault menu, then a {@code freeze} until the client
 * notices it, the heal and the reconnect. Not a test.
 *
 * <p>Arguments: {@code OUTPUT_DIR} (default {@code assets}). The reference client is looked for in
 * {@code $CLAWSCOPE_CACHE/official-client} (default {@code ~/.cache/clawscope/official-client}).
 */
public final class ObserveScreenshot {

    private ObserveScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // As the README starts it; on a machine where the port is taken, a free one.
        ObserveSession session;
        try {
            session = ObserveSession.open(ObserveRoute.parse("127.0.0.1:18790=sim", false),
                    "the start option --observe 127.0.0.1:18790=sim");
        } catch (java.io.IOException taken) {
            session = ObserveSession.open(ObserveRoute.parse("127.0.0.1:0=sim", false),
                    "the start option --observe 127.0.0.1:0=sim");
        }
        InspectorView view = DemoScreenshots.show(session);
        ControlsModel model = view.model().controls();
        try (ObservedClient client = ObservedClient.start(session)) {
            JournalEntry hello = await(session, e -> e.event() instanceof LinkEvent.PeerHelloOk, 1, 30);
            // A tick and the server's ping on the first connection before the restart.
            await(session, e -> e.seq() > hello.seq() && isTick(e), 1, 40);
            model.inject("fault-restart").get();
            JournalEntry back = await(session, e -> e.event() instanceof LinkEvent.PeerHelloOk, 2, 30);
            await(session, e -> e.seq() > back.seq() && isTick(e), 1, 40);
            model.inject("fault-freeze").get();
            // The reference client notices a frozen gateway by its tick watchdog: two ticks (60 s) of silence.
            JournalEntry noticed = await(session, e -> e.event() instanceof LinkEvent.PeerNoticed, 1, 120);
            model.inject("fault-heal").get();
            JournalEntry again = await(session, e -> e.seq() > noticed.seq()
                    && e.event() instanceof LinkEvent.PeerHelloOk, 1, 90);
            await(session, e -> e.seq() > again.seq() && isTick(e), 1, 40);
            DemoScreenshots.showAllSelecting(view, noticed);
            grab(out.resolve("inspector-observe.png"));
        }
        session.close();
        Platform.exit();
        System.exit(0);
    }

    private static boolean isTick(JournalEntry entry) {
        return entry.event() instanceof LinkEvent.PeerEvent e && e.event().equals("tick");
    }

    /** The client under test: the reference client when installed, else Clawscope's own link. */
    private interface ObservedClient extends AutoCloseable {

        static ObservedClient start(ObserveSession session) throws Exception {
            String token = session.simToken().orElseThrow().reveal();
            Path cache = Path.of(System.getenv().getOrDefault("CLAWSCOPE_CACHE",
                    System.getProperty("user.home") + "/.cache/clawscope"), "official-client");
            Path node = cache.resolve("node/package/bin/node");
            if (!Files.isExecutable(node)) {
                System.out.println("no reference client in " + cache + "; Clawscope's own link is the observed client");
                Journal journal = new Journal();
                GatewayLink link = LinkThroughObserver.connect(session.clientUrl(), token, journal,
                        DeviceIdentity.generate(), UnaryOperator.identity());
                return () -> {
                    link.dispose();
                    journal.close();
                };
            }
            ProcessBuilder builder = new ProcessBuilder(List.of(node.toString(), "scripts/official-client/clients.mjs",
                    "--url", session.clientUrl(), "--client-dir", cache.resolve("client").toString()))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("GATEWAY_TOKEN", token);
            Process process = builder.start();
            return () -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            };
        }
    }
}
