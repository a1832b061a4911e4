package dev.clawscope.bench;

import dev.clawscope.link.hostile.WsWire;
import dev.clawscope.ws.Opcode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal blocking WebSocket server on 127.0.0.1 for {@link ObserverBenchmark}, one thread per
 * connection: answers the upgrade, then reads each masked frame whole but unmasks only its id and
 * method ({@link Messages#PREFIX}). {@code bench.echo} gets a response of the same size at once;
 * {@code bench.push} is counted; {@code bench.done} gets what was counted since the last one.
 */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new ArrayList<>();
    private volatile boolean closed;

    private EchoServer(ServerSocket server) {
        this.server = server;
    }

    static EchoServer start() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        EchoServer echo = new EchoServer(server);
        Thread acceptor = new Thread(echo::acceptLoop, "bench-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return echo;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        int n = 0;
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                synchronized (connections) {
                    connections.add(socket);
                }
                Thread t = new Thread(() -> serve(socket), "bench-echo-" + ++n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    Bench.progress("echo server: accept failed: %s", e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            out.write(upgrade(new String(RawFrames.readHead(in), StandardCharsets.ISO_8859_1)));
            byte[] buf = new byte[Messages.MAX_FRAME];
            Map<Integer, byte[]> responses = new HashMap<>();
            long messages = 0;
            long bytes = 0;
            while (true) {
                RawFrames.Frame frame = RawFrames.read(in, buf, Messages.PREFIX);
                if (frame.opcode() == Opcode.CLOSE) {
                    out.write(WsWire.frame(true, Opcode.CLOSE, WsWire.closePayload(1000, "")));
                    return;
                }
                if (frame.opcode() != Opcode.TEXT || frame.length() < Messages.PREFIX) {
                    continue;
                }
                String method = new String(buf, Messages.METHOD_AT, Messages.ECHO.length(), StandardCharsets.US_ASCII);
                switch (method) {
                    case Messages.ECHO -> {
                        byte[] response = responses.computeIfAbsent(frame.length(), Messages::responseFrame);
                        System.arraycopy(buf, Messages.ID_AT, response, response.length - frame.length() + Messages.ID_AT,
                                Messages.ID_LENGTH);
                        out.write(response);
                    }
                    case Messages.PUSH -> {
                        messages++;
                        bytes += frame.length();
                    }
                    case Messages.DONE -> {
                        out.write(Messages.counted(new String(buf, Messages.ID_AT, Messages.ID_LENGTH,
                                StandardCharsets.US_ASCII), messages, bytes));
                        messages = 0;
                        bytes = 0;
                    }
                    default -> {
                        // not one of the benchmark's requests: read and ignored
                    }
                }
            }
        } catch (SocketException | java.io.EOFException e) {
            // the client or a relay closed the connection
        } catch (IOException e) {
            if (!closed) {
                Bench.progress("echo server: %s", e);
            }
        }
    }

    private static byte[] upgrade(String head) throws IOException {
        String key = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                key = line.substring(colon + 1).strip();
            }
        }
        if (key == null) {
            throw new IOException("an upgrade request without Sec-WebSocket-Key");
        }
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WsWire.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (connections) {
            for (Socket s : connections) {
                s.close();
            }
        }
    }
}
