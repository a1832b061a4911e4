package dev.clawscope.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.clawscope.ws.Opcode;
import dev.clawscope.ws.Upgrade;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The raw client of {@link ObserverBenchmark}: one blocking connection, masked frames out, responses read into a reused buffer. */
final class WsClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[Messages.MAX_FRAME];

    private WsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port} and completes the upgrade. */
    static WsClient connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            WsClient client = new WsClient(socket);
            Upgrade upgrade = new Upgrade(URI.create("ws://127.0.0.1:" + port + "/bench"), port, "clawscope-bench",
                    new SplittableRandom());
            client.out.write(upgrade.request());
            byte[] head = RawFrames.readHead(client.in);
            upgrade.check(head, head.length);
            return client;
        } catch (IOException | Upgrade.Refused | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException("upgrade on port " + port + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Sends one request and reads its response: nanoseconds from the first byte written to the last read. */
    long roundTrip(Messages.Pooled request) throws IOException {
        long start = System.nanoTime();
        out.write(request.frame());
        RawFrames.Frame frame = RawFrames.read(in, buf, 0);
        long took = System.nanoTime() - start;
        if (frame.opcode() != Opcode.TEXT || frame.length() != request.size()
                || !Arrays.equals(buf, Messages.ID_AT, Messages.ID_AT + Messages.ID_LENGTH, request.id(), 0,
                        Messages.ID_LENGTH)) {
            throw new IOException("not the response to request " + new String(request.id(), StandardCharsets.US_ASCII));
        }
        return took;
    }

    void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    /** Sends a run's last request and returns the bytes the server counted before it. */
    long done(byte[] frame, String id) throws IOException {
        out.write(frame);
        RawFrames.Frame answer = RawFrames.read(in, buf, 0);
        JsonObject o = JsonParser.parseString(new String(buf, 0, answer.length(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        if (!id.equals(o.get("id").getAsString())) {
            throw new IOException("not the answer to " + id + ": " + o);
        }
        return o.getAsJsonObject("payload").get("bytes").getAsLong();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a benchmark connection; nothing depends on it
        }
    }
}
