package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The gateway-faithful reader: texts follow the gateway's validator output. */
class ConnectParamsParseTest {

    private static JsonObject base() {
        return JsonParser.parseString("{\"minProtocol\":4,\"maxProtocol\":4,"
                + "\"client\":{\"id\":\"cli\",\"version\":\"1\",\"platform\":\"linux\",\"mode\":\"cli\"},"
                + "\"auth\":{\"token\":\"t\"},"
                + "\"device\":{\"id\":\"i\",\"publicKey\":\"k\",\"signature\":\"s\",\"signedAt\":1,\"nonce\":\"n\"}}")
                .getAsJsonObject();
    }

    private static String rejection(Consumer<JsonObject> edit) {
        JsonObject o = base();
        edit.accept(o);
        return rejection(o);
    }

    private static String rejection(JsonElement params) {
        return assertInstanceOf(ConnectParamsParse.Invalid.class, ConnectParams.parse(params)).message();
    }

    @Test
    void baseIsValid() {
        assertInstanceOf(ConnectParamsParse.Valid.class, ConnectParams.parse(base()));
    }

    @Test
    void unknownPropertiesAtEveryLevel() {
        assertEquals("invalid connect params: at root: unexpected property 'foo'",
                rejection(o -> o.addProperty("foo", 1)));
        assertEquals("invalid connect params: at /client: unexpected property 'buildId'",
                rejection(o -> o.getAsJsonObject("client").addProperty("buildId", "x")));
        assertEquals("invalid connect params: at /device: unexpected property 'alg'",
                rejection(o -> o.getAsJsonObject("device").addProperty("alg", "ed25519")));
        assertEquals("invalid connect params: at /auth: unexpected property 'apiKey'",
                rejection(o -> o.getAsJsonObject("auth").addProperty("apiKey", "x")));
        assertEquals("invalid connect params: at root: unexpected property 'workerRuns'",
                rejection(o -> o.add("workerRuns", new JsonObject())));
    }

    @Test
    void enumViolations() {
        assertEquals("invalid connect params: at /client/id: must be equal to one of the allowed values",
                rejection(o -> o.getAsJsonObject("client").addProperty("id", "my-java-client")));
        assertEquals("invalid connect params: at /client/mode: must be equal to one of the allowed values",
                rejection(o -> o.getAsJsonObject("client").addProperty("mode", "operator")));
        assertEquals("invalid connect params: at /client/id: must be equal to one of the allowed values",
                rejection(o -> o.getAsJsonObject("client").addProperty("id", 5)));
    }

    @Test
    void missingRequiredFields() {
        assertEquals("invalid connect params: must have required property 'client'",
                rejection(o -> o.remove("client")));
        assertEquals("invalid connect params: must have required property 'minProtocol'",
                rejection(o -> o.remove("minProtocol")));
        assertEquals("invalid connect params: at /client: must have required property 'version'; "
                + "at /client: must have required property 'mode'",
                rejection(o -> {
                    o.getAsJsonObject("client").remove("version");
                    o.getAsJsonObject("client").remove("mode");
                }));
        assertEquals("invalid connect params: at /device: must have required property 'nonce'",
                rejection(o -> o.getAsJsonObject("device").remove("nonce")));
    }

    @Test
    void wrongTypesAndBounds() {
        assertEquals("invalid connect params: at /minProtocol: must be integer",
                rejection(o -> o.addProperty("minProtocol", "4")));
        assertEquals("invalid connect params: at /maxProtocol: must be integer",
                rejection(o -> o.addProperty("maxProtocol", 4.5)));
        assertEquals("invalid connect params: at /minProtocol: must be >= 1",
                rejection(o -> o.addProperty("minProtocol", 0)));
        assertEquals("invalid connect params: at /client: must be object",
                rejection(o -> o.addProperty("client", "cli")));
        assertEquals("invalid connect params: at /scopes: must be array",
                rejection(o -> o.addProperty("scopes", "operator.read")));
        assertEquals("invalid connect params: at /scopes/1: must NOT have fewer than 1 characters",
                rejection(o -> o.add("scopes", JsonParser.parseString("[\"operator.read\",\"\"]"))));
        assertEquals("invalid connect params: at /caps/0: must be string",
                rejection(o -> o.add("caps", JsonParser.parseString("[1]"))));
        assertEquals("invalid connect params: at /role: must NOT have fewer than 1 characters",
                rejection(o -> o.addProperty("role", "")));
        assertEquals("invalid connect params: at /device/signedAt: must be >= 0",
                rejection(o -> o.getAsJsonObject("device").addProperty("signedAt", -1)));
        assertEquals("invalid connect params: at /auth/token: must be string",
                rejection(o -> o.getAsJsonObject("auth").addProperty("token", 5)));
        assertEquals("invalid connect params: at /client/displayName: must be string",
                rejection(o -> o.getAsJsonObject("client").add("displayName", JsonNull.INSTANCE)));
        assertEquals("invalid connect params: at /permissions/camera: must be boolean",
                rejection(o -> o.add("permissions", JsonParser.parseString("{\"camera\":\"yes\"}"))));
        assertEquals("invalid connect params: at /permissions/a~1b: must be boolean",
                rejection(o -> o.add("permissions", JsonParser.parseString("{\"a/b\":1}"))));
        assertEquals("invalid connect params: at /locale: must be string",
                rejection(o -> o.add("locale", new JsonArray())));
    }

    @Test
    void allErrorsAreReportedInValidatorOrder() {
        assertEquals("invalid connect params: must have required property 'maxProtocol'; "
                + "at root: unexpected property 'bar'; at /minProtocol: must be integer; "
                + "at /client: unexpected property 'foo'",
                rejection(o -> {
                    o.remove("maxProtocol");
                    o.addProperty("bar", 2);
                    o.addProperty("minProtocol", "x");
                    o.getAsJsonObject("client").addProperty("foo", 1);
                }));
    }

    @Test
    void notAnObject() {
        assertEquals("invalid connect params: must be object", rejection(JsonNull.INSTANCE));
        assertEquals("invalid connect params: must be object", rejection((JsonElement) null));
        assertEquals("invalid connect params: must be object", rejection(new JsonArray()));
        assertEquals("invalid connect params: must be object", rejection(new JsonPrimitive("x")));
    }

    @Test
    void acceptsWhatTheSchemaAcceptsEvenIfPolicyWouldNot() {
        JsonObject o = base();
        o.addProperty("role", "worker");
        o.addProperty("minProtocol", 9);
        o.addProperty("maxProtocol", 1e12);
        o.add("scopes", JsonParser.parseString("[\"anything\"]"));
        o.getAsJsonObject("auth").addProperty("approvalRuntimeToken", "r");
        o.getAsJsonObject("auth").addProperty("password", "");
        ConnectParams p = assertInstanceOf(ConnectParamsParse.Valid.class, ConnectParams.parse(o)).params();
        assertEquals("worker", p.role());
        assertEquals(9, p.minProtocol());
        assertEquals(Integer.MAX_VALUE, p.maxProtocol());
        assertEquals("", p.auth().password().reveal());
        assertNull(p.auth().bootstrapToken());
    }

    @Test
    void integralDecimalsAreIntegers() {
        JsonObject o = base();
        o.addProperty("minProtocol", 4.0);
        o.add("maxProtocol", JsonParser.parseString("4e0"));
        assertInstanceOf(ConnectParamsParse.Valid.class, ConnectParams.parse(o));
    }

    @Test
    void rejectionsNeverQuoteValues() {
        String message = rejection(o -> {
            o.getAsJsonObject("auth").addProperty("token", "tok-PLANTED-9");
            o.getAsJsonObject("auth").addProperty("extra", "pw-PLANTED-8");
            o.getAsJsonObject("device").addProperty("nonce", "");
            o.getAsJsonObject("device").addProperty("signature", 7);
        });
        assertFalse(message.contains("PLANTED"), message);
        assertEquals("invalid connect params: at /device/signature: must be string; "
                + "at /device/nonce: must NOT have fewer than 1 characters; at /auth: unexpected property 'extra'",
                message);
    }
}
