package dev.clawscope.link;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprint pinning against a real self-signed certificate made with the JDK's keytool. */
class PinnedTrustTest {

    @TempDir
    static Path dir;
    private static X509Certificate certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = dir.resolve("gateway.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=gateway.local", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        certificate = (X509Certificate) keyStore.getCertificate("gateway");
    }

    private static String fingerprint() throws Exception {
        return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    @Test
    void theMatchingLeafIsTrustedEvenThoughItIsSelfSigned() throws Exception {
        PinnedTrust trust = new PinnedTrust("sha256:" + fingerprint());
        assertDoesNotThrow(() -> trust.checkServerTrusted(new X509Certificate[] {certificate}, "ECDHE_ECDSA"));
    }

    @Test
    void anyOtherCertificateIsRefusedAndTheErrorNamesWhatWasSeen() throws Exception {
        PinnedTrust trust = new PinnedTrust("00".repeat(32));
        CertificateException e = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {certificate}, "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains(fingerprint().replace(":", "")), e.getMessage());
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[0], "RSA"));
    }
}
