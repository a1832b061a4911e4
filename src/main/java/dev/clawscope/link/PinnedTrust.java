package dev.clawscope.link;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for a gateway whose leaf certificate is pinned by SHA-256 fingerprint, the way the reference
 * client accepts it: hex with or without colons, optionally prefixed {@code sha256:}.
 */
final class PinnedTrust implements X509TrustManager {

    private final byte[] expected;

    PinnedTrust(String fingerprint) {
        this.expected = parse(fingerprint);
    }

    static SSLContext sslContext(String fingerprint) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrust(fingerprint)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** Normalises a fingerprint to 32 bytes; IllegalArgumentException with a user-facing message otherwise. */
    static byte[] parse(String fingerprint) {
        String hex = fingerprint.strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256:")) {
            hex = hex.substring("sha256:".length());
        }
        hex = hex.replace(":", "");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a TLS fingerprint is 64 hex digits (SHA-256), optionally with colons");
        }
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the gateway sent no certificate");
        }
        byte[] actual;
        try {
            actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot fingerprint the gateway certificate", e);
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new CertificateException("the gateway certificate does not match the pinned fingerprint (got sha256:"
                    + HexFormat.of().formatHex(actual) + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
