package dev.clawscope.link;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS to a {@code wss://} gateway as the link does it: the Java runtime's trust store with the host
 * name checked (endpoint identification {@code HTTPS}, the name sent as SNI), or, when a leaf
 * certificate is pinned by its SHA-256 fingerprint, exactly that certificate and nothing else.
 * One instance serves any number of connections.
 */
public final class GatewayTls {

    private final Optional<String> pinnedSha256;
    private volatile SSLSocketFactory factory;

    /**
     * @param pinnedSha256 a leaf-certificate fingerprint (hex, colons and a {@code sha256:} prefix
     *                     optional), or empty for normal validation
     * @throws IllegalArgumentException with a message fit for the user when the fingerprint is malformed
     */
    public GatewayTls(Optional<String> pinnedSha256) {
        Objects.requireNonNull(pinnedSha256, "pinnedSha256").ifPresent(PinnedTrust::parse);
        this.pinnedSha256 = pinnedSha256;
    }

    /** Whether a pinned fingerprint replaces the trust store and the host name check. */
    public boolean pinned() {
        return pinnedSha256.isPresent();
    }

    /**
     * Wraps a connected socket in TLS to {@code host} (its name is sent as SNI and, without a pin,
     * checked against the certificate). The handshake runs on {@link SSLSocket#startHandshake()} or
     * the first read or write; closing the result closes {@code socket}.
     */
    public SSLSocket secure(Socket socket, String host, int port) throws IOException {
        SSLSocketFactory tls = factory;
        if (tls == null) {
            try {
                tls = pinnedSha256.isPresent() ? PinnedTrust.sslContext(pinnedSha256.get()).getSocketFactory()
                        : SSLContext.getDefault().getSocketFactory();
            } catch (NoSuchAlgorithmException e) {
                throw new SSLException("TLS is not available: " + e.getMessage(), e);
            }
            factory = tls;
        }
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        if (pinnedSha256.isEmpty()) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
        }
        return ssl;
    }
}
