package dev.clawscope.sim;

import dev.clawscope.protocol.GatewayError;
import java.util.List;
import java.util.Objects;

/** What the simulator answers to a {@code connect}: hello-ok, or an error followed by a close. */
sealed interface HandshakeOutcome permits HandshakeOutcome.Accepted, HandshakeOutcome.Rejected {

    /**
     * The socket is authenticated.
     *
     * @param deviceId the verified device, or null for a device-less connection
     * @param deviceToken the device token to hand out in hello-ok, or null
     * @param authMethod {@code token} or {@code device-token}, as the real gateway reports it
     */
    record Accepted(String role, List<String> scopes, String deviceId, String deviceToken, String authMethod,
                    String clientId, String clientMode, String instanceId, String platform, String version)
            implements HandshakeOutcome {
        public Accepted {
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(authMethod, "authMethod");
        }

        @Override
        public String toString() {
            return "Accepted[role=" + role + ", scopes=" + scopes + ", device=" + deviceId + ", auth=" + authMethod + "]";
        }
    }

    /**
     * The handshake failed: send {@code error}, then close with {@code closeCode}/{@code closeReason}.
     *
     * @param pairingRequest a new pending pairing request to announce to operators, or null
     */
    record Rejected(GatewayError error, int closeCode, String closeReason,
                    PairingRegistry.PendingRequest pairingRequest) implements HandshakeOutcome {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(closeReason, "closeReason");
        }

        Rejected(GatewayError error, int closeCode, String closeReason) {
            this(error, closeCode, closeReason, null);
        }
    }
}
