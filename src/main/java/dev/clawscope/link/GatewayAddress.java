package dev.clawscope.link;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * A gateway URL checked the way the reference client checks it: {@code ws://} or {@code wss://},
 * a host, port 18789 when none is given (a {@code :} must be followed by a port from 1 to 65535),
 * no credentials and no fragment in the URL, and plaintext {@code ws://} only to private hosts (loopback, RFC 1918, link-local, CGNAT, ULA, {@code *.local},
 * {@code *.ts.net}) unless the user explicitly allows it.
 */
public record GatewayAddress(URI uri, boolean secure) {

    public static final int DEFAULT_PORT = 18789;

    public GatewayAddress {
        Objects.requireNonNull(uri, "uri");
    }

    /**
     * Parses and checks a user-supplied URL.
     *
     * @param allowInsecure permit {@code ws://} to a public host (the user's explicit override)
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static GatewayAddress parse(String text, boolean allowInsecure) {
        Objects.requireNonNull(text, "text");
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("the gateway URL must start with ws:// or wss://");
        }
        String authority = uri.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            throw new IllegalArgumentException(
                    "the gateway URL must not carry credentials; pass the token with --token-env or --token-file");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the gateway URL must not end in a #fragment: WebSocket URLs have none");
        }
        int port = authority == null ? DEFAULT_PORT : port(authority);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the gateway URL needs a host, e.g. ws://127.0.0.1:18789");
        }
        boolean secure = scheme.equals("wss");
        if (!secure && !allowInsecure && !isPrivateHost(host)) {
            throw new IllegalArgumentException("refusing plaintext ws:// to the public host " + host
                    + ": use wss://, or allow insecure connections explicitly");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            URI normal = new URI(scheme, null, host, port, null, null, null);
            return new GatewayAddress(URI.create(normal + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())),
                    secure);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason());
        }
    }

    /**
     * The port written after the host, or {@link #DEFAULT_PORT} when there is none. Read here
     * rather than from {@link URI}, which takes {@code host:} for no port and {@code host:x} for no host.
     */
    private static int port(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']')) {
            return DEFAULT_PORT;
        }
        String digits = authority.substring(colon + 1);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("the gateway URL has an empty port after ':'; give one from 1 to 65535, "
                    + "e.g. ws://127.0.0.1:" + DEFAULT_PORT + ", or leave out the ':' for " + DEFAULT_PORT);
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the port of the gateway URL must be a number from 1 to 65535");
        }
        long port = digits.length() > 5 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port of the gateway URL must be from 1 to 65535, not " + digits);
        }
        return (int) port;
    }

    /** The URL without its query string, which may carry a token: what logs and the journal show. */
    public String display() {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    /** True for hosts the reference client lets {@code ws://} reach without TLS. */
    static boolean isPrivateHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".ts.net")) {
            return true;
        }
        if (!looksLikeIpLiteral(h)) {
            return false;
        }
        try {
            return isPrivateAddress(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean looksLikeIpLiteral(String h) {
        return h.matches("[0-9.]+") || h.contains(":");
    }

    private static boolean isPrivateAddress(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 100 && second >= 64 && second <= 127; // CGNAT 100.64.0.0/10 (Tailscale)
        }
        return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
    }
}
