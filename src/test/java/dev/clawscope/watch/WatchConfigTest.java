package dev.clawscope.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The watch config: what it accepts, and every refusal naming the line and the field. */
class WatchConfigTest {

    private static final String TOKEN = "watch-config-token-3f9e";

    /** The environment, token files and keyring of these tests: plain maps, no OS state. */
    private static final class Tokens implements WatchConfig.Tokens {
        private final Map<String, String> env = Map.of("HOME_GW_TOKEN", TOKEN, "BLANK", "  ");
        private final Map<Path, String> files = Map.of(Path.of("/etc/watch/work.token"), TOKEN + "\n");
        private final Map<String, Secret> keyring = Map.of("ws://127.0.0.1:18790/", Secret.of(TOKEN));

        @Override
        public String env(String name) {
            return env.get(name);
        }

        @Override
        public String file(Path path) throws IOException {
            String text = files.get(path);
            if (text == null) {
                throw new NoSuchFileException(path.toString());
            }
            return text;
        }

        @Override
        public Optional<Secret> keyring(String entry) {
            return Optional.ofNullable(keyring.get(entry));
        }
    }

    private static WatchConfig parse(String text) throws WatchConfigException {
        return WatchConfig.parse("watch.json", Path.of("/etc/watch"), text, new Tokens());
    }

    @Test
    void readsTheIssuesExampleWithEveryTokenSourceAndLinkSetting() throws Exception {
        WatchConfig config = parse("""
                {"gateways": [
                  {"name": "home", "url": "ws://127.0.0.1:18789", "token_env": "HOME_GW_TOKEN"},
                  {"name": "work", "url": "ws://127.0.0.1:18791", "token_file": "work.token",
                   "ping_ms": 10000, "pong_deadline_ms": 7000, "backoff": "full-jitter", "device": false,
                   "scopes": ["operator.read", "operator.approvals"]},
                  {"name": "lab.1", "url": "ws://127.0.0.1:18790/", "keyring": "ws://127.0.0.1:18790/"},
                  {"name": "open", "url": "ws://127.0.0.1:18792"}
                ]}
                """);
        List<WatchConfig.Gateway> gateways = config.gateways();
        assertEquals(List.of("home", "work", "lab.1", "open"), gateways.stream().map(WatchConfig.Gateway::name).toList());
        assertEquals(Optional.of(Secret.of(TOKEN)), gateways.get(0).token());
        assertEquals("env HOME_GW_TOKEN", gateways.get(0).tokenSource());
        assertEquals(2, gateways.get(0).line());
        assertEquals(WatchConfig.LinkOptions.DEFAULTS, gateways.get(0).link());
        assertEquals(Optional.of(Secret.of(TOKEN)), gateways.get(1).token(), "relative to the config's folder, stripped");
        WatchConfig.LinkOptions work = gateways.get(1).link();
        assertEquals(10_000, work.pingMs());
        assertEquals(7_000, work.pongDeadlineMs());
        assertEquals("full-jitter", work.backoff());
        assertFalse(work.signDevice());
        assertEquals(List.of("operator.read", "operator.approvals"), work.scopes());
        assertEquals(Optional.of(Secret.of(TOKEN)), gateways.get(2).token());
        assertEquals(Optional.empty(), gateways.get(3).token());
        assertEquals("none", gateways.get(3).tokenSource());
        assertTrue(config.warnings().isEmpty(), config.warnings()::toString);
        assertFalse(config.toString().contains(TOKEN), "a config printed never shows a token");
    }

    @Test
    void unknownKeysAreWarningsWithTheirLineSoALaterVersionsConfigStillStarts() throws Exception {
        WatchConfig config = parse("""
                {"gateways": [
                  {"name": "home", "url": "ws://127.0.0.1:18789",
                   "Token_Env": "X", "labels": {"team": "a"}}
                ],
                 "grafana": true}
                """);
        assertEquals(1, config.gateways().size());
        assertEquals(List.of(
                "watch.json:3: gateways[0].Token_Env: not a key this version knows; ignored (keys are lower case)",
                "watch.json:3: gateways[0].labels: not a key this version knows; ignored",
                "watch.json:5: grafana: not a key this version knows; ignored"), config.warnings());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"gateways": [\\n {"name": "a", "url": "http://127.0.0.1:1"}]}                     | 2 | gateways[0].url
            {"gateways": [\\n {"name": "a"}]}                                                  | 2 | gateways[0].url: missing
            {"gateways": [\\n {"url": "ws://127.0.0.1:1"}]}                                    | 2 | gateways[0].name: missing
            {"gateways": [\\n {"name": "a b", "url": "ws://127.0.0.1:1"}]}                     | 2 | gateways[0].name: "a b" is not a usable name
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1"},\\n {"name": "a", "url": "ws://127.0.0.1:2"}]} | 3 | gateways[1].name: "a" is the name of an earlier gateway too
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "token_env": "NOPE"}]} | 3 | gateways[0].token_env: the variable NOPE is not set
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "token_env": "BLANK"}]} | 3 | gateways[0].token_env: the variable BLANK is not set
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "token_file": "x.token"}]} | 3 | gateways[0].token_file: cannot read /etc/watch/x.token
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "keyring": "other"}]} | 3 | gateways[0].keyring: the OS keyring has no token under "other"
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1", "token_env": "HOME_GW_TOKEN",\\n "token_file": "x"}]} | 3 | gateways[0].token_file: give one of token_env, token_file and keyring
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "ping_ms": -5}]}     | 3 | gateways[0].ping_ms: -5 is out of range
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "ping_ms": 1e300}]}  | 3 | gateways[0].ping_ms: 1e300 is not a whole number
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "ping_ms": "5s"}]}   | 3 | gateways[0].ping_ms: must be a number of milliseconds, not a string
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "backoff": "fast"}]} | 3 | gateways[0].backoff: "fast" is not a policy
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "device": "yes"}]}   | 3 | gateways[0].device: must be true or false, not a string
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "tls_fingerprint": "ab"}]} | 3 | gateways[0].tls_fingerprint: must be the certificate's SHA-256
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",\\n "name": "b"}]}       | 3 | gateways[0].name: appears twice
            {"gateways": []}                                                                   | 1 | gateways: is empty
            {"gateways": {"name": "a"}}                                                        | 1 | gateways: must be an array
            {"gateways": [\\n 7]}                                                              | 2 | gateways[0]: must be an object
            {"gateway": []}                                                                    | 0 | gateways: missing
            [1, 2]                                                                             | 1 | the config must be a JSON object
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1",,}]}                     | 2 | not valid JSON
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1"}]} {}                    | 2 | more after the config's closing brace
            {"gateways": [\\n {"name": "a", "url": "ws://127.0.0.1:1"}                         | 2 | not valid JSON
            """)
    void aBadConfigIsRefusedNamingItsLineAndField(String text, int line, String expected) {
        WatchConfigException e = assertThrows(WatchConfigException.class, () -> parse(text.replace("\\n", "\n")));
        assertEquals(line, e.line(), e.getMessage());
        String where = "watch.json" + (line > 0 ? ":" + line : "") + ": ";
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void aPlainPublicUrlNeedsAllowInsecureAndAPinNeedsWss() throws Exception {
        WatchConfigException plain = assertThrows(WatchConfigException.class, () -> parse(
                "{\"gateways\": [{\"name\": \"a\", \"url\": \"ws://gw.example.org\"}]}"));
        assertTrue(plain.getMessage().startsWith("watch.json:1: gateways[0].url: "), plain.getMessage());
        assertEquals(1, parse("{\"gateways\": [{\"name\": \"a\", \"url\": \"ws://gw.example.org\","
                + " \"allow_insecure\": true}]}").gateways().size());
        WatchConfigException pin = assertThrows(WatchConfigException.class, () -> parse(
                "{\"gateways\": [{\"name\": \"a\", \"url\": \"ws://127.0.0.1:1\", \"tls_fingerprint\": \""
                        + "ab".repeat(32) + "\"}]}"));
        assertTrue(pin.getMessage().contains("gateways[0].tls_fingerprint: pins a certificate, but the url is not"
                + " wss://"), pin.getMessage());
    }

    @Test
    void hostileSizesAreRefusedBeforeTheyCostMemory() {
        String huge = "{\"gateways\": [" + "{\"name\": \"a\", \"url\": \"ws://127.0.0.1:1\"},".repeat(30_000) + "]}";
        WatchConfigException big = assertThrows(WatchConfigException.class, () -> parse(huge));
        assertTrue(big.getMessage().contains("larger than"), big.getMessage());
        StringBuilder many = new StringBuilder("{\"gateways\": [");
        for (int i = 0; i <= WatchConfig.MAX_GATEWAYS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\": \"g").append(i).append("\", \"url\": \"ws://127.0.0.1:1\"}");
        }
        WatchConfigException tooMany = assertThrows(WatchConfigException.class, () -> parse(many + "]}"));
        assertTrue(tooMany.getMessage().contains("more than " + WatchConfig.MAX_GATEWAYS + " gateways"),
                tooMany.getMessage());
        WatchConfigException deep = assertThrows(WatchConfigException.class,
                () -> parse("{\"gateways\": " + "[".repeat(5000) + "]".repeat(5000) + "}"));
        assertTrue(deep.getMessage().contains("gateways[0]: must be an object"), deep.getMessage());
    }
}
