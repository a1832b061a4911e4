package dev.clawscope.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LinkEventTest {

    /** Copied verbatim from DESIGN.md, "Journal line": the names users' scripts rely on. */
    private static final String DESIGN_TYPES = """
            Types (snake_case): `state_changed{from,to}`, `connect_attempt{attempt,url}`, `socket_open`,
            `challenge`, `hello_ok{server_version,protocol,tick_interval_ms,methods,scopes}`,
            `handshake_failed{error_code,detail_code,retryable,retry_after_ms,close_code}`, `tick{seq}`,
            `ws_ping_sent`, `ws_pong{rtt_ms}`, `server_ping`, `probe_sent{method}`, `probe_ok{method,rtt_ms}`,
            `probe_failed{method,reason}`, `seq_gap{expected,received}`,
            `shutdown_notice{reason,restart_expected_ms}`, `liveness_timeout{kind,silence_ms,deadline_ms}`,
            `closed{code,reason,by}`, `reconnect_scheduled{attempt,delay_ms,policy,cause}`,
            `reconnect_paused{reason,detail_code}`, `disconnect_requested`, `dispose_begin`,
            `dispose_end{duration_ms}`, `listener_fault{listener,error}`, `fault_injected{kind}`, `error{where,message}`.
            """;

    /**
     * The one departure from DESIGN.md: {@code tick{seq}} would repeat the envelope's {@code seq}
     * key in the same object, and JSON readers keep only one of the two.
     */
    private static final Map<String, List<String>> RENAMED = Map.of("tick", List.of("frame_seq"));

    /** Fields added after the design's, always at the end so the design's order stays intact. */
    private static final Map<String, List<String>> ADDED = Map.of(
            "hello_ok", List.of("auth_method"),
            "ws_ping_sent", List.of("deadline_ms"),
            "reconnect_paused", List.of("hint"));

    /** Types added after the design's, declared after them and in this order: an observed client's last. */
    private static final Map<String, List<String>> ADDED_TYPES = addedTypes();

    private static Map<String, List<String>> addedTypes() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        types.put("hint_clamped", List.of("field", "value", "used"));
        types.put("peer_connect", List.of("conn"));
        types.put("peer_upgrade", List.of("conn", "path", "origin", "user_agent", "extensions", "accepted_extensions",
                "status"));
        types.put("peer_hello", List.of("conn", "request_id", "client_id", "client_mode", "client_version", "platform",
                "instance_id", "role", "scopes", "auth", "device_id", "min_protocol", "max_protocol"));
        types.put("peer_hello_ok", List.of("conn", "server_version", "protocol", "tick_interval_ms", "methods",
                "auth_method"));
        types.put("peer_request", List.of("conn", "method", "id"));
        types.put("peer_response", List.of("conn", "method", "id", "ok", "error_code", "detail_code", "retry_after_ms",
                "rtt_ms", "by"));
        types.put("peer_event", List.of("conn", "event", "frame_seq", "restart_expected_ms", "by"));
        types.put("peer_ws_ping", List.of("conn", "from"));
        types.put("peer_ws_pong", List.of("conn", "from", "rtt_ms", "dropped"));
        types.put("peer_close", List.of("conn", "from", "code", "reason"));
        types.put("peer_disconnect", List.of("conn", "how", "by", "lived_ms"));
        types.put("peer_reconnect", List.of("conn", "gap_ms", "after", "fault"));
        types.put("peer_noticed", List.of("conn", "fault", "after_fault_ms", "how"));
        types.put("peer_frame_skipped", List.of("conn", "from", "opcode", "length", "why"));
        types.put("peer_decode_problem", List.of("conn", "from", "problem"));
        return types;
    }

    private static final Set<String> ENVELOPE = Set.of("seq", "ts", "mono_ms", "gen", "type");

    private static final Pattern SECRET_LIKE =
            Pattern.compile("(?i).*(token|nonce|signature|password|secret|key).*");

    private static final List<Class<?>> PERMITTED = List.of(LinkEvent.class.getPermittedSubclasses());

    @Test
    void everyTypeAndFieldMatchesTheDesignContractInOrder() {
        Map<String, List<String>> design = designTypes();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (LinkEvent event : oneOfEach()) {
            actual.put(event.type(), Arrays.stream(event.getClass().getRecordComponents())
                    .map(c -> EventCodec.snakeCase(c.getName())).toList());
        }
        assertEquals(25, design.size());
        assertEquals(List.of("seq"), design.get("tick"), "the DESIGN text itself is unchanged");
        design.putAll(RENAMED);
        ADDED.forEach((type, fields) -> {
            List<String> extended = new java.util.ArrayList<>(design.get(type));
            extended.addAll(fields);
            design.put(type, extended);
        });
        design.putAll(ADDED_TYPES);
        assertEquals(design, actual);
        assertEquals(List.copyOf(design.keySet()), List.copyOf(actual.keySet()), "declaration order follows DESIGN");
    }

    @Test
    void noFieldRepeatsAnEnvelopeKey() {
        for (Class<?> type : PERMITTED) {
            for (RecordComponent component : type.getRecordComponents()) {
                String json = EventCodec.snakeCase(component.getName());
                assertFalse(ENVELOPE.contains(json), type.getSimpleName() + " field " + json);
            }
        }
    }

    @Test
    void typeIsTheRecordNameInSnakeCase() {
        for (LinkEvent event : oneOfEach()) {
            assertEquals(EventCodec.snakeCase(event.getClass().getSimpleName()), event.type());
        }
    }

    @Test
    void samplesCoverEveryPermittedType() {
        Set<Class<?>> sampled = SampleEvents.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.copyOf(PERMITTED), sampled);
    }

    @Test
    void noComponentIsNamedLikeASecret() {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : PERMITTED) {
            assertTrue(type.isRecord(), type + " is a record");
            for (RecordComponent component : type.getRecordComponents()) {
                if (SECRET_LIKE.matcher(component.getName()).matches()) {
                    offenders.add(type.getSimpleName() + "." + component.getName());
                }
            }
        }
        assertEquals(List.of(), offenders);
        assertTrue(SECRET_LIKE.matcher("deviceToken").matches(), "the pattern catches camelCase names");
        assertTrue(SECRET_LIKE.matcher("privateKeyPem").matches());
    }

    @Test
    void requiredFieldsRejectNull() {
        assertThrows(NullPointerException.class, () -> new LinkEvent.StateChanged(null, "IDLE"));
        assertThrows(NullPointerException.class, () -> new LinkEvent.ConnectAttempt(1, null));
        assertThrows(NullPointerException.class, () -> new LinkEvent.ShutdownNotice(null, 5L));
        assertThrows(NullPointerException.class, () -> new LinkEvent.Closed(1000, null, ClosedBy.CLIENT));
        assertThrows(NullPointerException.class, () -> new LinkEvent.ListenerFault("ui", null));
        assertThrows(NullPointerException.class,
                () -> new LinkEvent.HelloOk("1", 4, 1, null, List.of()));
    }

    @Test
    void doublesMustBeFiniteBecauseJsonCannotCarryNaN() {
        assertThrows(IllegalArgumentException.class, () -> new LinkEvent.WsPong(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LinkEvent.ProbeOk("health", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new LinkEvent.DisposeEnd(Double.NEGATIVE_INFINITY));
    }

    @Test
    void helloOkKeepsEveryMethodButPrintsOnlyTheCount() {
        LinkEvent.HelloOk hello = new LinkEvent.HelloOk("2026.9.6", 4, 30_000, SampleEvents.MANY_METHODS, List.of("a"));
        assertEquals(450, hello.methods().size());
        assertTrue(hello.toString().contains("methods=450 names"), hello::toString);
        assertFalse(hello.toString().contains("method.number1"), hello::toString);
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        List<String> scopes = new ArrayList<>(List.of("operator.read"));
        LinkEvent.HelloOk hello = new LinkEvent.HelloOk("1", 4, 1, List.of(), scopes);
        scopes.add("operator.admin");
        assertEquals(List.of("operator.read"), hello.scopes());
        assertThrows(UnsupportedOperationException.class, () -> hello.scopes().add("x"));
    }

    /** The first sample of each permitted type, in the order the types are declared. */
    private static List<LinkEvent> oneOfEach() {
        Map<Class<?>, LinkEvent> first = new LinkedHashMap<>();
        for (Class<?> type : PERMITTED) {
            first.put(type, null);
        }
        for (LinkEvent event : SampleEvents.all()) {
            first.putIfAbsent(event.getClass(), event); // replaces the null placeholder
        }
        return List.copyOf(first.values());
    }

    private static Map<String, List<String>> designTypes() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("`([a-z_]+)(?:\\{([a-z_,]+)})?`").matcher(DESIGN_TYPES);
        while (matcher.find()) {
            types.put(matcher.group(1), matcher.group(2) == null ? List.of() : List.of(matcher.group(2).split(",")));
        }
        return types;
    }
}
