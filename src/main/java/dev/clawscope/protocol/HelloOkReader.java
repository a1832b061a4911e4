package dev.clawscope.protocol;

import com.google.gson.JsonElement;

/** Field-by-field reading of a hello-ok payload; throws {@link FieldException} on the first bad field. */
final class HelloOkReader {

    private HelloOkReader() {
    }

    static HelloOk read(FieldReader payload) {
        if (!HelloOk.TYPE.equals(payload.string("type"))) {
            throw new FieldException(FieldProblem.WRONG_VALUE, payload.at("type"),
                    "field '" + payload.at("type") + "' is not " + HelloOk.TYPE);
        }
        return new HelloOk(
                payload.nonNegativeInt("protocol"),
                server(payload.object("server")),
                features(payload.object("features")),
                policy(payload.object("policy")),
                auth(payload.object("auth")),
                snapshot(payload.object("snapshot")),
                payload.optString("controlUiUrl"));
    }

    private static HelloOk.Server server(FieldReader server) {
        return new HelloOk.Server(
                server.nonBlankString("version"),
                server.optString("buildId"),
                server.optString("bootId"),
                server.nonBlankString("connId"));
    }

    private static HelloOk.Features features(FieldReader features) {
        return new HelloOk.Features(
                features.stringList("methods"),
                features.stringList("events"),
                features.optStringList("capabilities"));
    }

    private static HelloOk.Policy policy(FieldReader policy) {
        return new HelloOk.Policy(
                policy.saturatedLong("maxPayload"),
                policy.saturatedLong("maxBufferedBytes"),
                policy.saturatedLong("tickIntervalMs"));
    }

    private static HelloOk.Auth auth(FieldReader auth) {
        return new HelloOk.Auth(
                auth.nonBlankString("role"),
                auth.stringList("scopes"),
                auth.optString("deviceToken"),
                auth.optNonNegativeLong("issuedAtMs"),
                auth.optString("method"));
    }

    private static HelloOk.Snapshot snapshot(FieldReader snapshot) {
        FieldReader health = snapshot.optObject("health");
        FieldReader version = snapshot.optObject("stateVersion");
        return new HelloOk.Snapshot(
                presenceCount(snapshot),
                health == null ? null : health.optBool("ok"),
                snapshot.nonNegativeLong("uptimeMs"),
                snapshot.optString("authMode"),
                version == null ? null
                        : new StateVersion(version.nonNegativeLong("presence"), version.nonNegativeLong("health")));
    }

    /** {@code presence} is the entry list; a bare count is accepted too. */
    private static int presenceCount(FieldReader snapshot) {
        JsonElement presence = snapshot.raw("presence");
        if (presence != null && presence.isJsonArray()) {
            return presence.getAsJsonArray().size();
        }
        if (presence != null && presence.isJsonPrimitive() && presence.getAsJsonPrimitive().isNumber()) {
            return snapshot.nonNegativeInt("presence");
        }
        if (presence == null) {
            throw FieldReader.missing(snapshot.at("presence"));
        }
        throw FieldReader.wrongType(snapshot.at("presence"), "an array or a count", presence);
    }
}
