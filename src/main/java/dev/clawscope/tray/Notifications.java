package dev.clawscope.tray;

import dev.clawscope.link.LinkState;
import dev.clawscope.operator.PendingExecApproval;
import dev.clawscope.operator.PendingPairing;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which tray messages to show, debounced: a link that is down for less than
 * {@code downAfterMs} (a blip, a quick restart) says nothing; a long outage says so once, and its
 * recovery once; each pairing request, exec approval and pause is announced once. Time comes in
 * as {@code nowMs} (any monotonic milliseconds). Not thread-safe: one caller at a time.
 */
public final class Notifications {

    public static final long DEFAULT_DOWN_AFTER_MS = 10_000;

    /** A message for the tray. */
    public record Note(String title, String text, Kind kind) {
        public enum Kind { INFO, WARNING, ERROR }
    }

    private final long downAfterMs;
    private boolean everConnected;
    private long downSinceMs = -1;
    private boolean downAnnounced;
    private boolean pauseAnnounced;
    private final Set<String> announced = new HashSet<>();

    public Notifications(long downAfterMs) {
        this.downAfterMs = downAfterMs;
    }

    /** The link changed state; {@code pauseHint} says what to do when it paused. */
    public Optional<Note> onState(LinkState state, String pauseHint, long nowMs) {
        switch (state) {
            case CONNECTED -> {
                everConnected = true;
                pauseAnnounced = false;
                boolean wasAnnounced = downAnnounced;
                long downFor = downSinceMs < 0 ? 0 : nowMs - downSinceMs;
                downSinceMs = -1;
                downAnnounced = false;
                if (wasAnnounced) {
                    return Optional.of(new Note("Gateway link recovered",
                            String.format(Locale.ROOT, "Connected again after %.0f s.", downFor / 1000.0),
                            Note.Kind.INFO));
                }
                return Optional.empty();
            }
            case PAUSED -> {
                if (pauseAnnounced) {
                    return Optional.empty();
                }
                pauseAnnounced = true;
                return Optional.of(new Note("Gateway link paused",
                        pauseHint == null || pauseHint.isBlank() ? "Reconnecting stopped; open the inspector." : pauseHint,
                        Note.Kind.ERROR));
            }
            case CONNECTING, HANDSHAKING, BACKOFF -> {
                if (everConnected && downSinceMs < 0) {
                    downSinceMs = nowMs;
                }
                return Optional.empty();
            }
            default -> {
                // Disconnected on purpose or disposed: not an outage.
                downSinceMs = -1;
                downAnnounced = false;
                return Optional.empty();
            }
        }
    }

    /** Called periodically: announces an outage once it has lasted {@code downAfterMs}. */
    public Optional<Note> onTick(long nowMs) {
        if (downSinceMs >= 0 && !downAnnounced && nowMs - downSinceMs >= downAfterMs) {
            downAnnounced = true;
            return Optional.of(new Note("Gateway link down",
                    String.format(Locale.ROOT, "No connection for %.0f s; retrying with backoff.",
                            (nowMs - downSinceMs) / 1000.0), Note.Kind.WARNING));
        }
        return Optional.empty();
    }

    public Optional<Note> onPairingRequested(PendingPairing pairing) {
        if (!announced.add("pair:" + pairing.requestId())) {
            return Optional.empty();
        }
        return Optional.of(new Note("Pairing requested", pairing.describe()
                + ". Approve or reject it from the tray menu.", Note.Kind.INFO));
    }

    public Optional<Note> onExecApprovalRequested(PendingExecApproval approval) {
        if (!announced.add("exec:" + approval.id())) {
            return Optional.empty();
        }
        return Optional.of(new Note("Command waits for approval", approval.describe()
                + ". Allow or deny it from the tray menu.", Note.Kind.WARNING));
    }
}
