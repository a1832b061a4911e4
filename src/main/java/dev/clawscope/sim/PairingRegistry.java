package dev.clawscope.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Paired devices and pending pairing requests, kept as the real gateway keeps them: one pending
 * request per device, refreshed (same id, new expiry) when the device asks again for the same role
 * and scopes, superseded (new id) when it asks for something else, dropped after the TTL.
 * Thread-safe: every method is synchronized.
 */
final class PairingRegistry {

    /** A device the gateway trusts, with the token it issued. */
    record PairedDevice(String deviceId, String publicKey, String role, List<String> scopes, String deviceToken) {
        PairedDevice {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "PairedDevice[" + deviceId + ", role=" + role + ", scopes=" + scopes + ", deviceToken=<redacted>]";
        }
    }

    /** A device waiting for an operator's decision. */
    record PendingRequest(String requestId, String deviceId, String publicKey, String role, List<String> scopes,
                          String clientId, String clientMode, String platform, String displayName,
                          long createdAtMs, long expiresAtMs) {
        PendingRequest {
            scopes = List.copyOf(scopes);
        }

        boolean sameAsk(String otherRole, List<String> otherScopes, String otherPublicKey) {
            return role.equals(otherRole) && scopes.equals(otherScopes) && publicKey.equals(otherPublicKey);
        }
    }

    /** Outcome of {@link #request}. */
    record Ask(PendingRequest request, boolean isNew) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LongSupplier clockMs;
    private final long ttlMs;
    private final Map<String, PairedDevice> paired = new HashMap<>();
    private final Map<String, PendingRequest> pendingByDevice = new LinkedHashMap<>();

    PairingRegistry(LongSupplier clockMs, long ttlMs) {
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.ttlMs = ttlMs;
    }

    synchronized Optional<PairedDevice> paired(String deviceId) {
        return Optional.ofNullable(paired.get(deviceId));
    }

    /** Whether the paired device's grant covers this role and every requested scope. */
    synchronized boolean covers(String deviceId, String role, List<String> scopes) {
        PairedDevice device = paired.get(deviceId);
        return device != null && device.role().equals(role) && device.scopes().containsAll(scopes);
    }

    /** Pairs (or re-pairs) a device at once and issues a fresh device token. */
    synchronized PairedDevice approveDirectly(String deviceId, String publicKey, String role, List<String> scopes) {
        pendingByDevice.remove(deviceId);
        PairedDevice device = new PairedDevice(deviceId, publicKey, role, scopes, newDeviceToken());
        paired.put(deviceId, device);
        return device;
    }

    /** Opens or refreshes the pending request of a device. */
    synchronized Ask request(String deviceId, String publicKey, String role, List<String> scopes, String clientId,
                             String clientMode, String platform, String displayName) {
        expire();
        long now = clockMs.getAsLong();
        PendingRequest existing = pendingByDevice.get(deviceId);
        if (existing != null && existing.sameAsk(role, scopes, publicKey)) {
            PendingRequest refreshed = new PendingRequest(existing.requestId(), deviceId, publicKey, role, scopes,
                    clientId, clientMode, platform, displayName, existing.createdAtMs(), now + ttlMs);
            pendingByDevice.put(deviceId, refreshed);
            return new Ask(refreshed, false);
        }
        PendingRequest fresh = new PendingRequest(UUID.randomUUID().toString(), deviceId, publicKey, role, scopes,
                clientId, clientMode, platform, displayName, now, now + ttlMs);
        pendingByDevice.put(deviceId, fresh);
        return new Ask(fresh, true);
    }

    synchronized List<PendingRequest> pending() {
        expire();
        return new ArrayList<>(pendingByDevice.values());
    }

    /** Approves a pending request; empty when no such request is pending (or it expired). */
    synchronized Optional<PairedDevice> approve(String requestId) {
        return take(requestId).map(r -> {
            PairedDevice device = new PairedDevice(r.deviceId(), r.publicKey(), r.role(), r.scopes(), newDeviceToken());
            paired.put(r.deviceId(), device);
            return device;
        });
    }

    /** Rejects a pending request; empty when no such request is pending (or it expired). */
    synchronized Optional<PendingRequest> reject(String requestId) {
        return take(requestId);
    }

    /** Forgets a paired device, as {@code openclaw devices remove} does. */
    synchronized boolean remove(String deviceId) {
        return paired.remove(deviceId) != null;
    }

    /** The device whose issued token this is, if any. */
    synchronized Optional<PairedDevice> byDeviceToken(String deviceToken) {
        return paired.values().stream().filter(d -> d.deviceToken().equals(deviceToken)).findFirst();
    }

    private Optional<PendingRequest> take(String requestId) {
        expire();
        for (PendingRequest r : pendingByDevice.values()) {
            if (r.requestId().equals(requestId)) {
                pendingByDevice.remove(r.deviceId());
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private void expire() {
        long now = clockMs.getAsLong();
        pendingByDevice.values().removeIf(r -> r.expiresAtMs() <= now);
    }

    private static String newDeviceToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
