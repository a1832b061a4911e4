package dev.clawscope.grade;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods the real OpenClaw gateway advertises in hello-ok's {@code features.methods}, as
 * captured from version {@value #VERSION}: the surface a client is graded against.
 */
public final class GatewayMethods {

    /** The gateway version the list was captured from. */
    public static final String VERSION = "2026.9.6";
    private static final String RESOURCE = "gateway-methods-" + VERSION + ".txt";
    private static final List<String> METHODS = load();

    private GatewayMethods() {
    }

    /** Every method, in the order the gateway sends them. */
    public static List<String> all() {
        return METHODS;
    }

    private static List<String> load() {
        try (InputStream in = GatewayMethods.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            List<String> methods = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String m = line.strip();
                if (!m.isEmpty() && !m.startsWith("#")) {
                    methods.add(m);
                }
            }
            return List.copyOf(methods);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
