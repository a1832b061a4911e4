package dev.clawscope.observe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on 127.0.0.1 with a fresh self-signed certificate (made by the JDK's keytool) that
 * passes each connection on to a plain TCP address, such as the simulator, or echoes what it reads
 * and passes the end of the stream back. For tests of {@code wss://} targets.
 */
public final class TlsFront implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    private final SSLServerSocket server;
    private final InetSocketAddress forwardTo;
    private final String fingerprint;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TlsFront(SSLServerSocket server, InetSocketAddress forwardTo, String fingerprint) {
        this.server = server;
        this.forwardTo = forwardTo;
        this.fingerprint = fingerprint;
        this.acceptor = new Thread(this::acceptAll, "tls-front-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param dir       where the key store is made
     * @param forwardTo where each connection goes on in plain TCP, or null to echo
     */
    public static TlsFront start(Path dir, InetSocketAddress forwardTo) throws Exception {
        Path store = dir.resolve("front-" + System.nanoTime() + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) keys.getCertificate("gateway");
        String fingerprint = "sha256:" + HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new TlsFront(server, forwardTo, fingerprint);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The certificate's SHA-256 fingerprint as {@code sha256:ab:cd:…}. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        acceptor.join(2_000);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "tls-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket client) {
        try {
            if (forwardTo == null) {
                copy(client, client);
                return;
            }
            Socket plain = new Socket();
            sockets.add(plain);
            plain.connect(forwardTo, 5_000);
            Thread back = new Thread(() -> copy(plain, client), "tls-front-back");
            back.setDaemon(true);
            back.start();
            copy(client, plain);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
