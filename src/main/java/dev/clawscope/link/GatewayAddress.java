package dev.clawscope.link;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * A gateway URL checked the way the reference client checks it: {@code ws://} or {@code wss://},
 * a host, port 18789 when none is given, no credentials in the URL, and plaintext {@code ws://}
 * only to private hosts (loopback, RFC 1918, link-local, CGNAT, ULA, {@code *.local},
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
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "the gateway URL must not carry credentials; pass the token with --token-env or --token-file");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the gateway URL needs a host, e.g. ws://127.0.0.1:18789");
        }
        boolean secure = scheme.equals("wss");
        if (!secure && !allowInsecure && !isPrivateHost(host)) {
            throw new IllegalArgumentException("refusing plaintext ws:// to the public host " + host
                    + ": use wss://, or allow insecure connections explicitly");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            URI normal = new URI(scheme, null, host, port, null, null, null);
            return new GatewayAddress(URI.create(normal + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())),
                    secure);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason());
        }
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
