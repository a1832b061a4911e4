package dev.clawscope.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * This client's Ed25519 device key (§3.4): {@code device.id} is the lowercase hex SHA-256 of the
 * raw public key; the public key travels as unpadded base64url of the raw 32 bytes. Holds the
 * private key; {@link #toString()} shows only the device id.
 */
public final class DeviceIdentity {

    private final byte[] seed;
    private final byte[] publicKeyRaw;
    private final PrivateKey privateKey;
    private final String deviceId;

    private DeviceIdentity(byte[] seed, byte[] publicKeyRaw, PrivateKey privateKey) {
        this.seed = seed;
        this.publicKeyRaw = publicKeyRaw;
        this.privateKey = privateKey;
        this.deviceId = sha256Hex(publicKeyRaw);
    }

    /** A fresh random key pair. */
    public static DeviceIdentity generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
            return fromKeyPair(pair, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * The key pair for a 32-byte private seed (RFC 8032 private key), deterministic. The JDK has
     * no public "derive public key" call, so the generator is fed the seed as its randomness.
     */
    public static DeviceIdentity fromSeed(byte[] seed32) {
        Objects.requireNonNull(seed32, "seed32");
        if (seed32.length != Ed25519.KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed32.length);
        }
        byte[] seed = seed32.clone();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(Ed25519.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            return fromKeyPair(generator.generateKeyPair(), seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    private static DeviceIdentity fromKeyPair(KeyPair pair, byte[] expectedSeed) {
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException("Ed25519 private key bytes unavailable"));
        if (expectedSeed != null && !MessageDigest.isEqual(seed, expectedSeed)) {
            throw new IllegalStateException("Ed25519 provider did not use the given seed");
        }
        byte[] raw = Ed25519.rawFromSpki(pair.getPublic().getEncoded());
        return new DeviceIdentity(seed, raw, pair.getPrivate());
    }

    /** Lowercase hex SHA-256 of the raw public key (64 characters). */
    public String deviceId() {
        return deviceId;
    }

    /** The raw 32-byte public key (a copy). */
    public byte[] publicKeyRaw() {
        return publicKeyRaw.clone();
    }

    /** The public key as sent in {@code device.publicKey}. */
    public String publicKeyBase64Url() {
        return Ed25519.base64Url(publicKeyRaw);
    }

    /** Ed25519 signature over the UTF-8 bytes of {@code payload}, unpadded base64url. */
    public String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            Signature signer = Signature.getInstance(Ed25519.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload.getBytes(StandardCharsets.UTF_8));
            return Ed25519.base64Url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Server-side check of a device signature. The public key may be base64url or standard
     * base64 (padded or not) of the raw key, or an SPKI PEM block; so may the signature, as the
     * gateway tolerates. False, never an exception, on any malformed input.
     */
    public static boolean verify(String publicKey, String payload, String signature) {
        if (payload == null) {
            return false;
        }
        Optional<byte[]> raw = Ed25519.decodePublicKey(publicKey);
        Optional<byte[]> sig = Ed25519.decodeLenient(signature);
        if (raw.isEmpty() || sig.isEmpty() || sig.get().length != Ed25519.SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(Ed25519.ALGORITHM);
            verifier.initVerify(Ed25519.publicKeyFromRaw(raw.get()));
            verifier.update(payload.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(sig.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The device id a public key (in any accepted encoding) stands for; empty when malformed. */
    public static Optional<String> deviceIdOf(String publicKey) {
        return Ed25519.decodePublicKey(publicKey).map(DeviceIdentity::sha256Hex);
    }

    /** The private seed, for the identity store only (a copy). */
    byte[] seed() {
        return seed.clone();
    }

    @Override
    public String toString() {
        return "DeviceIdentity[deviceId=" + deviceId + "]";
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Hands the seed to the key generator as its only randomness. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected randomness request of " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
