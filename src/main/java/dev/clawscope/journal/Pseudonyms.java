package dev.clawscope.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms such as {@code device#3f2a9c}: the first three bytes of HMAC-SHA256 over
 * {@code kind + ":" + id} under one key. Equal ids give equal pseudonyms under the same key; without
 * the key an id cannot be recovered by hashing guesses. Three bytes keep lines short; two of a few
 * hundred ids in one bundle collide with a chance of about 0.3 %. Thread-safe.
 */
final class Pseudonyms {

    static final Pattern PSEUDONYM = Pattern.compile("(?:device|conn|request|instance)#[0-9a-f]{6}");
    private static final int CACHE_LIMIT = 65_536;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Pseudonyms(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("pseudonym key needs at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail at construction, not on the first id
    }

    /** The pseudonym of {@code id}; an id that already is a pseudonym is returned as it is. */
    String of(String kind, String id) {
        if (isPseudonym(id)) {
            return id;
        }
        String input = kind + ":" + id;
        String known = cache.get(input);
        if (known != null) {
            return known;
        }
        byte[] digest = macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
        String pseudonym = kind + "#" + HEX.formatHex(digest, 0, 3);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(input, pseudonym);
        }
        return pseudonym;
    }

    static boolean isPseudonym(String value) {
        return value.length() <= 15 && value.indexOf('#') > 0 && PSEUDONYM.matcher(value).matches();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable pseudonym key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
