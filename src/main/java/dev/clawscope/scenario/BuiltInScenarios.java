package dev.clawscope.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The scenarios that ship with Clawscope, kept as JSON next to this class and read with the same
 * {@link ScenarioParser} as a user's file. Each one passes against the simulator in the build.
 */
public final class BuiltInScenarios {

    /** In the order they are listed. */
    public static final List<String> NAMES = List.of("blackhole", "gateway-restart", "gateway-kill", "flap",
            "silent-server", "startup-unavailable", "auth-rejected", "pairing-pending", "dispose-race");

    private BuiltInScenarios() {
    }

    /** The built-in scenario of that name, or empty when there is none. */
    public static Optional<Scenario> find(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltInScenarios.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the build");
            }
            return Optional.of(ScenarioParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioFormatException e) {
            throw new IllegalStateException("built-in scenario " + name + " is malformed: " + e.getMessage(), e);
        }
    }

    public static List<Scenario> all() {
        return NAMES.stream().map(name -> find(name).orElseThrow()).toList();
    }
}
