package dev.clawscope.grade;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * OpenClaw clients that get the lifecycle wrong on purpose, for grading the grader. Run as
 * {@code java -cp ... dev.clawscope.grade.BrokenClient MODE}; the URL and token come from
 * {@code CLAWSCOPE_URL} and {@code CLAWSCOPE_TOKEN}. Each mode's flaws are chosen so that the
 * grade of every check is certain, not a matter of chance:
 *
 * <ul>
 *   <li>{@code lockstep-ping}: heartbeats with a {@code ping} request every 2 s (never looking at the
 *       answer), reconnects exactly 1 s after any loss and ignores every hint and error, dies on
 *       SIGTERM without a close frame. Its upgrade times out after 10 s.
 *   <li>{@code no-liveness}: a careful client without any liveness: no pings, no tick watchdog.
 *   <li>{@code ignores-hints}: a careful client with WebSocket pings (every 5 s, 5 s for the pong)
 *       that ignores {@code restartExpectedMs} and {@code retryAfterMs}.
 * </ul>
 *
 * A careful client calls {@code health} once per connection, reconnects first after a uniform
 * 0-3 s, then after a bound that doubles from 2 s (cap 30 s) with a delay in its upper half, pauses
 * for good on an AUTH error, gives up an upgrade or handshake after 10 s and sends close 1000 on
 * SIGTERM.
 */
public final class BrokenClient {

    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private final String mode;
    private final URI url;
    private final String token;
    private final boolean careful;
    private final boolean honorsHints;
    private final boolean pings;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "broken-client");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch closedOnTerm = new CountDownLatch(1);
    // Loop thread only.
    private WebSocket socket;
    private int generation;
    private int attempt;
    private long hintMs = -1;
    private boolean paused;
    private volatile boolean stopping;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> heartbeat;
    private long pingSentAt;
    private int requests;

    private BrokenClient(String mode, URI url, String token) {
        this.mode = mode;
        this.url = url;
        this.token = token;
        this.careful = !mode.equals("lockstep-ping");
        this.honorsHints = mode.equals("no-liveness");
        this.pings = mode.equals("ignores-hints");
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args.length == 1 ? args[0] : "";
        if (!mode.equals("lockstep-ping") && !mode.equals("no-liveness") && !mode.equals("ignores-hints")) {
            System.err.println("usage: BrokenClient lockstep-ping|no-liveness|ignores-hints");
            System.exit(64);
        }
        BrokenClient client = new BrokenClient(mode, URI.create(System.getenv("CLAWSCOPE_URL")),
                System.getenv("CLAWSCOPE_TOKEN"));
        if (client.careful) {
            Runtime.getRuntime().addShutdownHook(new Thread(client::closeOnTerm, "broken-client-term"));
        }
        client.loop.execute(client::connect);
        new CountDownLatch(1).await();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private void connect() {
        if (stopping || paused) {
            return;
        }
        int gen = ++generation;
        say("connecting to " + url + " (" + mode + ")");
        timer = loop.schedule(() -> giveUp(gen, "no hello-ok within " + HANDSHAKE_TIMEOUT_MS + " ms"),
                HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        http.newWebSocketBuilder().connectTimeout(Duration.ofMillis(HANDSHAKE_TIMEOUT_MS))
                .buildAsync(url, new Listener(gen))
                .whenComplete((ws, error) -> loop.execute(() -> {
                    if (gen != generation) {
                        if (ws != null) {
                            ws.abort();
                        }
                    } else if (error != null) {
                        lost(gen, "connect failed: " + error.getClass().getSimpleName());
                    }
                }));
    }

    /** The handshake timer: it is cancelled at hello-ok, so firing means the upgrade or the handshake hangs. */
    private void giveUp(int gen, String why) {
        if (gen == generation) {
            if (socket != null) {
                socket.abort();
            }
            lost(gen, why);
        }
    }

    private void onText(int gen, String text) {
        if (gen != generation) {
            return;
        }
        JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
        String type = frame.has("type") ? frame.get("type").getAsString() : "";
        if (type.equals("event")) {
            String event = frame.get("event").getAsString();
            if (event.equals("connect.challenge")) {
                send("{\"type\":\"req\",\"id\":\"c" + gen + "\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,"
                        + "\"maxProtocol\":4,\"client\":{\"id\":\"cli\",\"version\":\"broken-1\",\"platform\":\"linux\","
                        + "\"mode\":\"cli\"},\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"auth\":{\"token\":\""
                        + token + "\"}}}");
            } else if (event.equals("shutdown") && honorsHints && frame.has("payload")
                    && frame.getAsJsonObject("payload").has("restartExpectedMs")) {
                hintMs = frame.getAsJsonObject("payload").get("restartExpectedMs").getAsLong();
                say("shutdown: restart expected in " + hintMs + " ms");
            }
        } else if (type.equals("res") && frame.get("id").getAsString().equals("c" + gen)) {
            if (frame.get("ok").getAsBoolean()) {
                helloOk(gen);
            } else {
                JsonObject error = frame.getAsJsonObject("error");
                String code = error.get("code").getAsString();
                JsonObject details = error.has("details") && error.get("details").isJsonObject()
                        ? error.getAsJsonObject("details") : new JsonObject();
                String detail = details.has("code") ? details.get("code").getAsString() : "";
                say("connect refused: " + code + " " + detail);
                if (careful && (code.startsWith("AUTH") || detail.startsWith("AUTH"))) {
                    paused = true;
                    say("paused: the token was refused");
                } else if (honorsHints && error.has("retryAfterMs")) {
                    hintMs = error.get("retryAfterMs").getAsLong();
                }
            }
        }
    }

    private void helloOk(int gen) {
        say("hello-ok");
        timer.cancel(false);
        attempt = 0;
        if (careful) {
            send("{\"type\":\"req\",\"id\":\"h" + gen + "\",\"method\":\"health\"}");
        }
        if (!careful) {
            heartbeat = loop.scheduleAtFixedRate(() -> send("{\"type\":\"req\",\"id\":\"p" + gen + "-" + (++requests)
                    + "\",\"method\":\"ping\"}"), 2_000, 2_000, TimeUnit.MILLISECONDS);
        } else if (pings) {
            heartbeat = loop.scheduleAtFixedRate(() -> ping(gen), 5_000, 5_000, TimeUnit.MILLISECONDS);
        }
    }

    private void ping(int gen) {
        if (gen != generation || socket == null) {
            return;
        }
        if (pingSentAt != 0) {
            say("no pong within 5000 ms: the gateway is gone");
            socket.abort();
            lost(gen, "pong timeout");
            return;
        }
        pingSentAt = System.nanoTime();
        socket.sendPing(ByteBuffer.wrap(new byte[] {1}));
    }

    private void send(String text) {
        if (socket != null) {
            socket.sendText(text, true);
        }
    }

    private void lost(int gen, String why) {
        if (gen != generation || stopping) {
            return;
        }
        generation++;
        socket = null;
        pingSentAt = 0;
        if (timer != null) {
            timer.cancel(false);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        if (paused) {
            say("lost (" + why + "); paused, not reconnecting");
            return;
        }
        long delay = careful ? backoff(++attempt) : 1_000;
        if (hintMs >= 0) {
            delay = Math.max(delay, hintMs);
            hintMs = -1;
        }
        say("lost (" + why + "); reconnecting in " + delay + " ms");
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Attempt 1: uniform 0-3 s; then a bound doubling from 2 s (cap 30 s), the delay in its upper half. */
    private static long backoff(int attempt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (attempt == 1) {
            return random.nextLong(3_001);
        }
        long bound = Math.min(30_000, 1_000L << Math.min(attempt - 1, 5));
        return bound / 2 + random.nextLong(bound / 2 + 1);
    }

    private void closeOnTerm() {
        loop.execute(() -> {
            stopping = true;
            if (socket == null) {
                closedOnTerm.countDown();
            } else {
                // Done when the gateway answers the close (our frame arrived) or the send fails.
                socket.sendClose(1000, "bye").whenComplete((ws, e) -> {
                    if (e != null) {
                        closedOnTerm.countDown();
                    }
                });
            }
        });
        try {
            closedOnTerm.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder text = new StringBuilder();

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // Before any message of this socket reaches the loop.
            loop.execute(() -> {
                if (gen == generation) {
                    socket = webSocket;
                }
            });
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                loop.execute(() -> BrokenClient.this.onText(gen, message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            loop.execute(() -> pingSentAt = 0);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (stopping) {
                closedOnTerm.countDown();
            }
            loop.execute(() -> lost(gen, "closed " + statusCode + " " + reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            loop.execute(() -> lost(gen, "error: " + error.getClass().getSimpleName()));
        }
    }
}
