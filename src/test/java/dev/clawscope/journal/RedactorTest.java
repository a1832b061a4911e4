package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private static final byte[] KEY = bytes(1);
    private static final String HOME = "/srv/build-agent";
    private static final String UNPARSEABLE = "{\"type\":\"redacted_line\",\"reason\":\"unparseable\"}";

    private final Redactor redactor = new Redactor(RedactionRules.defaults(), KEY, HOME);
    private final Redactor everything = new Redactor(new RedactionRules(true, true), KEY, HOME);

    private static byte[] bytes(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }

    // Text rules: each with what it must catch and what it must leave alone.

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization: Bearer eyJhbGciOi.abc.def          | Authorization: <redacted>",
        "sent bearer abc123 to the gateway                 | sent bearer <redacted> to the gateway",
        "Cookie: session=abc; theme=dark                   | Cookie: <redacted>",
        "proxy-authorization : Basic dXNlcjpwdw==          | proxy-authorization : <redacted>",
        "dial ws://operator:hunter2@gw.lan:18789/ failed   | dial ws://<redacted>@gw.lan:18789/ failed",
        "GET wss://gw.lan/ws?token=abc&x=1 HTTP/1.1        | GET wss://gw.lan/ws?<redacted> HTTP/1.1",
        "token=abc123 then password: hunter2               | token=<redacted> then password: <redacted>",
        "deviceToken = 'a b c', nonce=42                   | deviceToken = '<redacted>', nonce=<redacted>",
        "{\"bootstrap_token\":\"x y\",\"ok\":true}          | {\"bootstrap_token\":\"<redacted>\",\"ok\":true}",
        "private_key=-----BEGIN signature: zz              | private_key=<redacted> signature: <redacted>",
        "X_API_KEY=k secret=s client_secret=c              | X_API_KEY=<redacted> secret=<redacted> client_secret=<redacted>",
        "mail bob.smith+oc@example.org now                 | mail <email> now",
        "read /home/alice/.openclaw/devices.json           | read ~/.openclaw/devices.json",
        "read /Users/alice/Library and /root/.ssh          | read ~/Library and ~/.ssh",
        "read C:\\Users\\Bob\\AppData\\x                   | read ~\\AppData\\x",
        "read /srv/build-agent/work and /srv/build-agent   | read ~/work and ~",
        "head 0123456789abcdef0123456789abcdef01234567 ok  | head <redacted:hex> ok",
        "id 3F2A9C00D1E4B5A6978812AB34CD56EF               | id <redacted:hex>",
        "tok eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 end      | tok <redacted:token> end",
        "tok dGhpcy1pcy1hLXRva2VuLTEyMzQ1Njc4OTA_x end     | tok <redacted:token> end",
    })
    void fixedRulesRedact(String input, String expected) {
        assertEquals(expected, redactor.redactText(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "operator.read",
        "connect_attempt",
        "2026-11-27T23:05:14.090Z",
        "1234.5 -17 3.25e-3 0x1f",
        "closed 1006 after 10004 ms; retrying in 1734 ms",
        "AUTH_TOKEN_MISMATCH token-mismatch",
        "device token mismatch (nonce expired)",
        "reconnect_scheduled_2026_09_06_attempt_12_of_the_day",
        "method.number449 sessions.list exec.approval.resolve",
        "abcdef0123456789abcdef0123456789",
        "ws://127.0.0.1:18789/",
        "a question? no, a statement",
        "tokens: 5, tokenizer=fast",
        "/mnt/home/shared/x and ~/notes",
        "java.lang.IllegalStateException: boom",
        "gen 3 seq 41 at 10.0.0.5 on gateway.example.com",
        "device#3f2a9c conn#00aa11 request#abcdef",
    })
    void ordinaryTextSurvives(String text) {
        if (text.startsWith("abcdef0123456789")) {
            // 32 hex digits are the threshold: this one is redacted, one fewer is not.
            assertEquals("<redacted:hex>", redactor.redactText(text));
            assertEquals(text.substring(1), redactor.redactText(text.substring(1)));
            return;
        }
        assertEquals(text, redactor.redactText(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "from 10.0.0.5:18789 via 192.168.1.20         | from <ip>:18789 via <ip>",
        "peer [fe80::1ff:fe23:4567:890a]:443          | peer [<ip>]:443",
        "2001:db8:0:0:0:0:2:1 and 2001:db8::42        | <ip> and <ip>",
        "loopback 127.0.0.1 [::1] 0.0.0.0 stays       | loopback 127.0.0.1 [::1] 0.0.0.0 stays",
        "at 23:05:14.090 version 2026.9.6 300.1.2.3   | at 23:05:14.090 version 2026.9.6 300.1.2.3",
        "wss://gateway.example.com:443/ws             | wss://<host>:443/ws",
        "resolve api.openai.com then gw.local         | resolve <host> then <host>",
        "ws://localhost:18789 operator.read user.home | ws://localhost:18789 operator.read user.home",
        "java.io.IOException in dev.clawscope.cli     | java.io.IOException in dev.clawscope.cli",
    })
    void optionalRulesRedactIpsAndHostsButNotLoopback(String input, String expected) {
        assertEquals(expected, everything.redactText(input));
    }

    @Test
    void optionalRulesAreOffByDefault() {
        String text = "from 10.0.0.5 via wss://gateway.example.com/ and fe80::1";
        assertEquals(text, redactor.redactText(text));
    }

    @Test
    void idAssignmentsInTextBecomePseudonyms() {
        String redacted = redactor.redactText("deviceId=abc123 conn_id: \"c-77\" requestId=device#3f2a9c");

        assertTrue(redacted.matches("deviceId=device#[0-9a-f]{6} conn_id: \"conn#[0-9a-f]{6}\" requestId=device#3f2a9c"),
                redacted);
    }

    // JSON lines.

    @Test
    void secretFieldsAreRedactedAtAnyDepthWhateverTheirType() {
        String line = "{\"type\":\"x\",\"auth\":{\"token\":\"t0\",\"DeviceToken\":\"t1\",\"list\":[{\"private_key\":{\"d\":\"k\"}},"
                + "[{\"signature\":[1,2]}]],\"password\":12,\"nonce\":true,\"secret\":null,\"Authorization\":\"Bearer x\","
                + "\"cookie\":\"a=b\",\"bootstrap-token\":\"t2\",\"sharedToken\":\"t3\"}}";

        assertEquals("{\"type\":\"x\",\"auth\":{\"token\":\"<redacted>\",\"DeviceToken\":\"<redacted>\",\"list\":[{\"private_key\":"
                + "\"<redacted>\"},[{\"signature\":\"<redacted>\"}]],\"password\":\"<redacted>\",\"nonce\":\"<redacted>\","
                + "\"secret\":null,\"Authorization\":\"<redacted>\",\"cookie\":\"<redacted>\",\"bootstrap-token\":\"<redacted>\","
                + "\"sharedToken\":\"<redacted>\"}}", redactor.redactJsonLine(line));
    }

    @Test
    void stringValuesAndKeysGoThroughTheTextRules() {
        String line = "{\"message\":\"cannot read /home/bob/x for bob@example.com\",\"0123456789abcdef0123456789abcdef\":1,"
                + "\"nested\":[\"ws://u:p@h/?token=z\"]}";

        assertEquals("{\"message\":\"cannot read ~/x for <email>\",\"<redacted:hex>\":1,"
                + "\"nested\":[\"ws://<redacted>@h/?<redacted>\"]}", redactor.redactJsonLine(line));
    }

    @Test
    void idFieldsBecomeStablePseudonymsWithinOneRedactor() {
        String line = "{\"deviceId\":\"ab12\",\"conn_id\":\"c1\",\"request_id\":\"r9\",\"instanceId\":\"i\",\"n\":{\"device_id\":\"ab12\"},"
                + "\"deviceIds\":[\"ab12\",\"cd34\"],\"connId\":7}";

        String once = redactor.redactJsonLine(line);
        String device = pseudonym(once, "device");

        assertTrue(once.matches("\\{\"deviceId\":\"device#[0-9a-f]{6}\",\"conn_id\":\"conn#[0-9a-f]{6}\",\"request_id\":\"request#"
                + "[0-9a-f]{6}\",\"instanceId\":\"instance#[0-9a-f]{6}\",\"n\":\\{\"device_id\":\"device#[0-9a-f]{6}\"},"
                + "\"deviceIds\":\\[\"device#[0-9a-f]{6}\",\"device#[0-9a-f]{6}\"],\"connId\":7}"), once);
        assertEquals(3, once.split(device, -1).length - 1, "the same device id gives the same pseudonym: " + once);
        assertEquals(once, redactor.redactJsonLine(line), "stable across calls");
        assertEquals(once, new Redactor(RedactionRules.defaults(), KEY, HOME).redactJsonLine(line), "same key, same pseudonyms");
        String otherKey = new Redactor(RedactionRules.defaults(), bytes(2), HOME).redactJsonLine(line);
        assertNotEquals(device, pseudonym(otherKey, "device"), "another key gives other pseudonyms");
        assertNotEquals(pseudonym(once, "device"), pseudonym(Redactor.withRandomKey(RedactionRules.defaults())
                .redactJsonLine(line), "device"));
    }

    private static String pseudonym(String text, String kind) {
        int at = text.indexOf(kind + "#");
        return text.substring(at, at + kind.length() + 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"token\":\"abc\"",
        "{\"token\":\"abc\"} trailing",
        "{\"token\":\"abc\"}{\"x\":1}",
        "{token:abc}",
        "{'token':'abc'}",
        "{\"n\":NaN,\"token\":\"abc\"}",
        "{\"a\":01}",
        "{ secret password hunter2",
        "{\"a\":\"\\x41\"}",
    })
    void aLineThatIsNotOneStrictJsonObjectIsReplacedWhole(String line) {
        assertEquals(UNPARSEABLE, redactor.redactJsonLine(line));
        assertEquals(UNPARSEABLE, redactor.redactLine(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"token\"", "42", "", "null"})
    void jsonThatIsNotAnObjectIsReplacedWhole(String line) {
        assertEquals(UNPARSEABLE, redactor.redactJsonLine(line));
    }

    @Test
    void nestingTooDeepFailsClosed() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(UNPARSEABLE, redactor.redactJsonLine(deep));
    }

    @Test
    void everyContractLineStaysAJournalLineAfterRedaction() {
        List<LinkEvent> events = new ArrayList<>(SampleEvents.all());
        events.add(new LinkEvent.ConnectAttempt(1, "wss://op:pw@gateway.example.com/ws?token=abc"));
        events.add(new LinkEvent.Closed(1008, "Authorization: Bearer abcdef", ClosedBy.SERVER));
        events.add(new LinkEvent.Error("store", "cannot write /home/alice/.openclaw/x: denied"));
        for (Redactor r : List.of(redactor, everything)) {
            for (LinkEvent event : events) {
                JournalEntry entry = new JournalEntry(12, Instant.parse("2026-11-27T23:05:14.090Z"), 1234.5, 3, event);
                String redacted = r.redactLine(JournalJson.toLine(entry));

                JournalEntry back = JournalJson.parse(redacted).orElseThrow(() -> new AssertionError(redacted));
                assertEquals(entry.seq(), back.seq());
                assertEquals(entry.ts(), back.ts());
                assertEquals(entry.monoMs(), back.monoMs());
                assertEquals(entry.gen(), back.gen());
                assertEquals(event.type(), back.event().type());
            }
        }
    }

    @Test
    void aLineWithoutSecretsIsUnchangedByteForByte() {
        for (LinkEvent event : SampleEvents.all()) {
            if (event instanceof LinkEvent.PeerHello) {
                continue; // its ids become pseudonyms (PeerLinesTest)
            }
            String line = JournalJson.toLine(new JournalEntry(7, Instant.parse("2026-11-27T23:05:14.090Z"), 12.0, 1, event));
            assertEquals(line, redactor.redactJsonLine(line));
        }
    }

    @Test
    void controlCharactersStayEscapedLikeTheJournalWritesThem() {
        String line = JournalJson.toLine(new JournalEntry(1, Instant.EPOCH, 1, 1,
                new LinkEvent.Error("x", "bell\u0007 del\u007f line\u2028 \"quoted\" \\ tab\t é 😀")));
        assertEquals(line, redactor.redactJsonLine(line));
    }

    @Test
    void redactLineChoosesJsonOrTextByTheFirstCharacter() {
        assertEquals("{\"token\":\"<redacted>\"}", redactor.redactLine("  {\"token\":\"x\"}"));
        assertEquals("{\"token\":\"<redacted>\"}", redactor.redactLine("\uFEFF{\"token\":\"x\"}"));
        assertEquals("[\"token\":\"<redacted>\"]", redactor.redactLine("[\"token\":\"x\"]"));
        assertEquals("", redactor.redactLine(""));
    }

    // Idempotence.

    @Test
    void redactingTwiceChangesNothingMoreOnFixedCases() {
        List<String> cases = List.of(
                "Authorization: Bearer abc", "bearer <redacted>", "ws://a:b@gateway.example.com/x?token=1&y=2",
                "token=<redacted>x", "password: \"<redacted>\"", "deviceId=device#3f2a9c", "device#3f2a9c",
                "::ffff:10.1.2.3", "mail a@b.co at 10.0.0.1 /home/x/y C:\\\\Users\\\\bob\\\\z",
                "<redacted:hex><redacted:token><email><ip><host>~/",
                "{\"deviceId\":\"device#3f2a9c\",\"k\":\"" + "a1".repeat(20) + "\"}",
                "{\"aaaaaaaaaaaaaaaa1111111111111111aaaa\":1,\"bbbbbbbbbbbbbbbb2222222222222222bbbb\":2}");
        for (String text : cases) {
            for (Redactor r : List.of(redactor, everything)) {
                String once = r.redactLine(text);
                assertEquals(once, r.redactLine(once), "input: " + text);
            }
        }
    }

    @Test
    void redactingTwiceChangesNothingMoreOnRandomInputs() {
        String[] pieces = {"token", "=", ":", "\"", "'", " ", "Bearer ", "Authorization: ", "ws://", "u:p@", "host.example.com",
            "/home/bob/", "C:\\Users\\bob\\", "?", "&", "a=b", "@", ".", "10.0.0.", "255", "::", "fe80", "1", "0123456789abcdef",
            "AbC9xYz0", "-", "_", "device", "Id", "#3f2a9c", "<redacted>", "<ip>", "~", "\\", "nonce", "secret", "{", "}",
            "é", "\t", ",", ";", "operator.read", "mail", "x", "/Users/", "/root", "conn_id=", "2026-11-27T23:05:14.090Z"};
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            String text = IntStream.range(0, 1 + random.nextInt(14))
                    .mapToObj(n -> pieces[random.nextInt(pieces.length)])
                    .collect(Collectors.joining());
            for (Redactor r : List.of(redactor, everything)) {
                String once = r.redactText(text);
                assertEquals(once, r.redactText(once), () -> "input: " + text);
                String json = "{\"k\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"}";
                String onceJson = r.redactJsonLine(json);
                assertEquals(onceJson, r.redactJsonLine(onceJson), () -> "json: " + json);
            }
        }
    }

    @Test
    void randomTokensAreAlwaysCaught() {
        Random random = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < 2000; i++) {
            char[] token = new char[43];
            for (int c = 0; c < token.length; c++) {
                token[c] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = "id " + new String(token) + " end";
            String redacted = redactor.redactText(text);
            if (redacted.equals(text)) {
                // Only a run without letters and digits alternating may pass: nearly never at 43 characters.
                assertFalse(TextRedaction.looksLikeToken(new String(token)), text);
            }
        }
    }

    // Streams and files.

    @Test
    void redactsAReaderInOrderWhateverItsSize(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            lines.add(i % 3 == 0 ? "plain line " + i + " token=s" + i
                    : i % 3 == 1 ? "{\"seq\":" + i + ",\"password\":\"p\"}" : "{broken " + i);
        }
        StringWriter out = new StringWriter();

        long count = redactor.redact(new BufferedReader(new StringReader(String.join("\n", lines))), out);

        assertEquals(lines.size(), count);
        List<String> written = out.toString().lines().toList();
        assertEquals(lines.size(), written.size());
        for (int i = 0; i < lines.size(); i++) {
            String expected = i % 3 == 0 ? "plain line " + i + " token=<redacted>"
                    : i % 3 == 1 ? "{\"seq\":" + i + ",\"password\":\"<redacted>\"}" : UNPARSEABLE;
            assertEquals(expected, written.get(i), "line " + i);
        }

        Path in = dir.resolve("in.jsonl");
        Path redacted = dir.resolve("out.jsonl");
        Files.write(in, lines, StandardCharsets.UTF_8);
        assertEquals(lines.size(), redactor.redactFile(in, redacted));
        assertEquals(written, Files.readAllLines(redacted, StandardCharsets.UTF_8));
        assertTrue(Threads.named("redactor-").isEmpty(), "no worker outlives the call");
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsReplacementCharacters(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.txt");
        byte[] text = "token=abc \u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(in, text);
        Path out = dir.resolve("out.txt");

        assertEquals(1, redactor.redactFile(in, out));

        assertEquals("token=<redacted> \uFFFD\n", Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void keysAreClassifiedIgnoringCaseAndSeparators() {
        for (String key : Arrays.asList("token", "deviceToken", "device_token", "BOOTSTRAP-TOKEN", "password", "Signature",
                "nonce", "privateKey", "private_key", "secret", "authorization", "Cookie", "refresh_token", "apiKey")) {
            assertTrue(RedactionRules.isSecretKey(key), key);
        }
        for (String key : List.of("type", "reason", "tokens", "tokenizer", "method", "detail_code", "seq")) {
            assertFalse(RedactionRules.isSecretKey(key), key);
        }
        assertEquals("device", RedactionRules.pseudonymKind("device_id"));
        assertEquals("conn", RedactionRules.pseudonymKind("connId"));
        assertEquals("request", RedactionRules.pseudonymKind("REQUEST_ID"));
        assertEquals(null, RedactionRules.pseudonymKind("gen"));
    }
}
