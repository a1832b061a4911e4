package dev.clawscope.operator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.clawscope.protocol.HelloOk;

/**
 * The gateway at a glance: version and uptime, health and channels, connected clients and
 * sessions. Any part the gateway has not told yet is null. {@code uptimeMs} was true at {@code
 * asOfMs} (epoch ms); {@link #uptimeAt(long)} moves it on.
 */
public record GatewayGlance(String serverVersion, Long uptimeMs, long asOfMs, Boolean healthOk, Integer channels,
        Integer clients, Integer sessions) {

    public static final GatewayGlance UNKNOWN = new GatewayGlance(null, null, 0, null, null, null, null);

    static GatewayGlance fromHello(HelloOk hello, long nowMs) {
        HelloOk.Snapshot snapshot = hello.snapshot();
        return new GatewayGlance(hello.server().version(), snapshot == null ? null : snapshot.uptimeMs(), nowMs,
                snapshot == null ? null : snapshot.healthOk(), null,
                snapshot == null ? null : snapshot.presenceCount(), null);
    }

    /** The uptime at {@code nowMs} (epoch ms), or null when unknown. */
    public Long uptimeAt(long nowMs) {
        return uptimeMs == null ? null : uptimeMs + Math.max(0, nowMs - asOfMs);
    }

    GatewayGlance withHealth(JsonElement health) {
        if (health == null || !health.isJsonObject()) {
            return this;
        }
        JsonObject h = health.getAsJsonObject();
        Boolean ok = h.has("ok") && h.get("ok").isJsonPrimitive() ? h.get("ok").getAsBoolean() : healthOk;
        Integer channelCount = h.get("channelOrder") != null && h.get("channelOrder").isJsonArray()
                ? h.getAsJsonArray("channelOrder").size()
                : h.get("channels") != null && h.get("channels").isJsonObject() ? h.getAsJsonObject("channels").size()
                : channels;
        Integer sessionCount = count(h.get("sessions"), sessions);
        return new GatewayGlance(serverVersion, uptimeMs, asOfMs, ok, channelCount, clients, sessionCount);
    }

    GatewayGlance withPresence(JsonElement presence) {
        Integer n = presence == null ? null : presence.isJsonArray() ? Integer.valueOf(presence.getAsJsonArray().size())
                : presence.isJsonObject() && presence.getAsJsonObject().get("presence") != null
                        && presence.getAsJsonObject().get("presence").isJsonArray()
                        ? Integer.valueOf(presence.getAsJsonObject().getAsJsonArray("presence").size()) : null;
        return n == null ? this : new GatewayGlance(serverVersion, uptimeMs, asOfMs, healthOk, channels, n, sessions);
    }

    GatewayGlance withStatus(JsonElement status) {
        if (status == null || !status.isJsonObject()) {
            return this;
        }
        JsonObject s = status.getAsJsonObject();
        Long uptime = s.has("uptimeMs") && s.get("uptimeMs").isJsonPrimitive() ? s.get("uptimeMs").getAsLong()
                : uptimeMs;
        long asOf = uptime != null && !uptime.equals(uptimeMs) ? System.currentTimeMillis() : asOfMs;
        Integer sessionCount = count(s.get("sessions"), sessions);
        Integer clientCount = s.has("connections") && s.get("connections").isJsonPrimitive()
                ? Integer.valueOf(s.get("connections").getAsInt()) : clients;
        return new GatewayGlance(serverVersion, uptime, asOf, healthOk, channels, clientCount, sessionCount);
    }

    /** A number, an array's size, or an object's {@code count}/{@code total}. */
    private static Integer count(JsonElement e, Integer fallback) {
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsInt();
        }
        if (e.isJsonArray()) {
            return e.getAsJsonArray().size();
        }
        if (e.isJsonObject()) {
            for (String key : new String[] {"count", "total", "active"}) {
                JsonElement v = e.getAsJsonObject().get(key);
                if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                    return v.getAsInt();
                }
            }
        }
        return fallback;
    }

    /** e.g. {@code 2026.9.6 · up 3h 12m · health ok · 0 channels · 2 clients · 5 sessions}. */
    public String summary(long nowMs) {
        StringBuilder out = new StringBuilder(serverVersion == null ? "gateway" : serverVersion);
        Long up = uptimeAt(nowMs);
        if (up != null) {
            long m = up / 60_000;
            out.append(" · up ").append(m >= 60 ? (m / 60) + "h " + (m % 60) + "m" : m + "m");
        }
        if (healthOk != null) {
            out.append(healthOk ? " · health ok" : " · health failing");
        }
        if (channels != null) {
            out.append(" · ").append(channels).append(channels == 1 ? " channel" : " channels");
        }
        if (clients != null) {
            out.append(" · ").append(clients).append(clients == 1 ? " client" : " clients");
        }
        if (sessions != null) {
            out.append(" · ").append(sessions).append(sessions == 1 ? " session" : " sessions");
        }
        return out.toString();
    }
}
