package dev.clawscope.protocol;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** Raw-key and base64 plumbing for Ed25519 as the gateway encodes it (§3.4). */
final class Ed25519 {

    static final String ALGORITHM = "Ed25519";
    static final int KEY_BYTES = 32;
    static final int SIGNATURE_BYTES = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519: 302a300506032b6570032100. */
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };
    private static final Pattern BASE64_BODY = Pattern.compile("[A-Za-z0-9+/]*");

    private Ed25519() {
    }

    static byte[] rawFromSpki(byte[] spki) {
        if (spki.length != SPKI_PREFIX.length + KEY_BYTES
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 SubjectPublicKeyInfo");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    static PublicKey publicKeyFromRaw(byte[] raw) throws GeneralSecurityException {
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
    }

    /** Unpadded base64url, the wire encoding of keys and signatures. */
    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decodes base64url or standard base64, padded or not (the gateway tolerates all four).
     * Empty when the text is not base64.
     */
    static Optional<byte[]> decodeLenient(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.replace('-', '+').replace('_', '/');
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        s = s.substring(0, end);
        if (s.length() % 4 == 1 || !BASE64_BODY.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The raw 32-byte key from base64(url) of the raw key, or from an SPKI PEM block. */
    static Optional<byte[]> decodePublicKey(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.contains("BEGIN")) {
            return decodePem(text);
        }
        return decodeLenient(text).filter(raw -> raw.length == KEY_BYTES);
    }

    private static Optional<byte[]> decodePem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return decodeLenient(body).flatMap(der -> {
            try {
                return Optional.of(rawFromSpki(der));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
