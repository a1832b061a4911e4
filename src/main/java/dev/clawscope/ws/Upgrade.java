package dev.clawscope.ws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The client side of the HTTP upgrade: the request a native client sends (no {@code Origin}, no
 * extensions, no subprotocol, no credentials in headers) and the check of the server's answer.
 */
public final class Upgrade {

    /** The response head may not be longer than this; a server that sends more is not a gateway. */
    public static final int MAX_RESPONSE_HEAD = 16 * 1024;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String key;
    private final byte[] request;

    /**
     * @param uri       the gateway URL; its path and query go into the request line
     * @param defaultPort the port when the URL names none
     * @param userAgent the {@code User-Agent} value
     */
    public Upgrade(URI uri, int defaultPort, String userAgent, RandomGenerator random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        key = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String text = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "\r\n";
        request = text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public byte[] request() {
        return request.clone();
    }

    /**
     * The end of the response head in {@code buf[0, length)} (the index after the blank line), or
     * -1 when it has not all arrived.
     */
    public static int headEnd(byte[] buf, int length) {
        for (int i = 3; i < length; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Checks the response head; returns normally only for a valid {@code 101} that accepted this
     * key with no extension or subprotocol. Otherwise throws with a message fit for a person.
     */
    public void check(byte[] head, int length) throws Refused {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new Refused(0, "the server did not answer the WebSocket upgrade with HTTP (is this port a gateway?)");
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new Refused(0, "the server's upgrade answer has no valid status code");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
        String phrase = status.length > 2 ? " " + printable(status[2]) : "";
        if (code != 101) {
            throw new Refused(code, refusal(code, phrase));
        }
        if (!"websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))
                || !headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
            throw new Refused(code, "the server answered 101 without upgrading to WebSocket");
        }
        if (!accept(key).equals(headers.get("sec-websocket-accept"))) {
            throw new Refused(code, "the server's Sec-WebSocket-Accept does not match our key (not a WebSocket server, or a proxy in between rewrote it)");
        }
        if (headers.containsKey("sec-websocket-extensions") || headers.containsKey("sec-websocket-protocol")) {
            throw new Refused(code, "the server agreed to an extension or subprotocol that was not offered");
        }
    }

    private static String refusal(int code, String phrase) {
        String head = "the gateway answered the WebSocket upgrade with HTTP " + code + phrase;
        if (code == 401 || code == 403) {
            return head + ": the request was refused before the handshake. The gateway token goes in the connect"
                    + " frame, not in HTTP, so this usually means a proxy or tunnel in front of the gateway wants its"
                    + " own credentials; otherwise check the URL and the gateway token";
        }
        if (code >= 300 && code < 400) {
            return head + ": redirects are not followed; use the URL it points to";
        }
        if (code == 404) {
            return head + ": no WebSocket endpoint at this path; check the URL";
        }
        return head;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The {@code Sec-WebSocket-Accept} a server must answer to {@code key}. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The server did not upgrade; {@code status} is its HTTP status, or 0 when it was not HTTP. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
