package dev.clawscope.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a JSON key says about its value: a secret, a correlatable id (with its pseudonym prefix),
 * or neither. Journals repeat a handful of keys, so answers are cached.
 */
record KeyKind(boolean secret, String pseudonym) {

    private static final KeyKind PLAIN = new KeyKind(false, null);
    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, KeyKind> CACHE = new ConcurrentHashMap<>();

    static KeyKind of(String key) {
        KeyKind known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        String pseudonym = RedactionRules.pseudonymKind(key);
        boolean secret = RedactionRules.isSecretKey(key);
        KeyKind kind = secret || pseudonym != null ? new KeyKind(secret, pseudonym) : PLAIN;
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(key, kind);
        }
        return kind;
    }
}
