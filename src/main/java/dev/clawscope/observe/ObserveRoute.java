package dev.clawscope.observe;

import dev.clawscope.link.GatewayAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an observer listens for the client under test and where it relays it: {@code
 * 127.0.0.1:18790=ws://127.0.0.1:18789}, or {@code 127.0.0.1:18790=sim} for the embedded
 * simulator. Checked without a name lookup, so a settings dialog may check it as the user types: the
 * listen address is a loopback literal ({@code 127.0.0.1}, {@code [::1]}) or {@code localhost},
 * never anything else, because the observer has no authentication of its own; the target is {@code
 * sim} or a gateway's {@code ws://HOST:PORT} or {@code wss://HOST:PORT} without path or query (the
 * client's own are relayed as it sends them).
 *
 * @param listen  the loopback address the client under test connects to; port 0 picks a free one
 * @param gateway the gateway relayed to, or empty for the embedded simulator
 */
public record ObserveRoute(InetSocketAddress listen, Optional<GatewayAddress> gateway) {

    /** What {@link #target()} is for the embedded simulator. */
    public static final String SIM = "sim";

    public ObserveRoute {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(gateway, "gateway");
        if (listen.getAddress() == null || !listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(notLoopback(listen.getHostString() + ":" + listen.getPort()));
        }
    }

    /**
     * Reads {@code LISTEN=TARGET}, e.g. {@code 127.0.0.1:18790=sim}.
     *
     * @param allowInsecure permit a plaintext {@code ws://} target on a public host
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static ObserveRoute parse(String text, boolean allowInsecure) {
        Objects.requireNonNull(text, "text");
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("expected LISTEN=TARGET, e.g. 127.0.0.1:18790=ws://127.0.0.1:18789 or "
                    + "127.0.0.1:18790=sim, got '" + text.strip() + "'");
        }
        return of(text.substring(0, equals), text.substring(equals + 1), allowInsecure);
    }

    /**
     * Reads a listen address ({@code HOST:PORT}) and a target ({@code sim}, {@code ws://HOST:PORT} or
     * {@code wss://HOST:PORT}).
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static ObserveRoute of(String listen, String target, boolean allowInsecure) {
        InetSocketAddress address = listenAddress(Objects.requireNonNull(listen, "listen").strip());
        String t = Objects.requireNonNull(target, "target").strip();
        if (t.equalsIgnoreCase(SIM)) {
            return new ObserveRoute(address, Optional.empty());
        }
        GatewayAddress gateway;
        try {
            gateway = GatewayAddress.parse(t, allowInsecure);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the target: " + e.getMessage() + " (or sim for the embedded simulator)");
        }
        if (!gateway.uri().getRawPath().equals("/") || gateway.uri().getRawQuery() != null) {
            throw new IllegalArgumentException("the target: give only ws://HOST:PORT or wss://HOST:PORT; the client's "
                    + "own request path and query are relayed as it sends them");
        }
        if (address.getPort() != 0 && address.getPort() == gateway.uri().getPort() && loopbackHost(gateway)) {
            throw new IllegalArgumentException("the target is the observer's own listen address " + listen.strip());
        }
        return new ObserveRoute(address, Optional.of(gateway));
    }

    /** Whether the target is the embedded simulator. */
    public boolean sim() {
        return gateway.isEmpty();
    }

    /** The target as written: {@code sim}, or the gateway's {@code ws://HOST:PORT}. */
    public String target() {
        return gateway.map(g -> g.uri().getScheme() + "://" + g.uri().getRawAuthority()).orElse(SIM);
    }

    /** The listen address as written: {@code 127.0.0.1:18790}, an IPv6 host in brackets. */
    public String listenText() {
        String host = listen.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + listen.getPort();
    }

    /** {@code LISTEN=TARGET}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return listenText() + "=" + target();
    }

    private static InetSocketAddress listenAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("the listen address: expected HOST:PORT, e.g. 127.0.0.1:18790, got '"
                    + text + "'");
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("the listen address: the port must be a number from 0 to 65535, got '"
                    + port + "'");
        }
        InetAddress address = loopbackLiteral(host);
        if (address == null) {
            throw new IllegalArgumentException(notLoopback(text));
        }
        return new InetSocketAddress(address, Integer.parseInt(port));
    }

    /** The loopback address {@code host} writes without a name lookup, or null when it writes none. */
    private static InetAddress loopbackLiteral(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.startsWith("[") && h.endsWith("]") && h.substring(1, h.length() - 1).matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(v6 ? h.substring(1, h.length() - 1) : h);
            return address.isLoopbackAddress() ? address : null;
        } catch (UnknownHostException e) {
            return null; // a literal out of range, e.g. 300.0.0.1
        }
    }

    private static boolean loopbackHost(GatewayAddress gateway) {
        String host = gateway.uri().getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return loopbackLiteral(bare.contains(":") ? "[" + bare + "]" : bare) != null;
    }

    private static String notLoopback(String listen) {
        return "the observer listens on loopback only (127.0.0.1, [::1] or localhost), not " + listen
                + ": it has no authentication of its own and serves a client on this machine";
    }
}
