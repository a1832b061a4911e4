package dev.clawscope.session;

import dev.clawscope.link.GatewayAddress;
import dev.clawscope.protocol.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** What the window connects to: a gateway, or the embedded demo simulator. */
public sealed interface GatewayChoice {

    /** One line for the header, e.g. {@code Demo gateway} or {@code ws://127.0.0.1:18789}. */
    String label();

    /** Where the choice came from, said once when the window opens (never a credential). */
    String origin();

    /** The embedded simulator; {@code why} says why no real gateway was used. */
    record Demo(String why) implements GatewayChoice {
        public Demo {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String label() {
            return "Demo gateway";
        }

        @Override
        public String origin() {
            return why;
        }
    }

    /** A gateway at {@code address}; {@code token} may be null (device token or none). */
    record Remote(GatewayAddress address, Secret token, String origin) implements GatewayChoice {
        public Remote {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String label() {
            return address.display();
        }
    }

    /**
     * With no gateway configured: the local OpenClaw config when there is one, else the demo
     * simulator, saying why.
     */
    static GatewayChoice localOrDemo(Map<String, String> env, Path userHome) {
        LocalOpenClawConfig.Lookup lookup = LocalOpenClawConfig.find(env, userHome);
        if (lookup instanceof LocalOpenClawConfig.Lookup.Found found) {
            return new Remote(GatewayAddress.parse(found.url(), false), found.token(),
                    "the local OpenClaw config " + found.path());
        }
        if (lookup instanceof LocalOpenClawConfig.Lookup.Unusable unusable) {
            return new Demo("the local OpenClaw config " + unusable.path() + " " + unusable.reason()
                    + "; showing the demo gateway");
        }
        return new Demo("no gateway configured and no OpenClaw config at " + lookup.path()
                + "; showing the demo gateway");
    }
}
