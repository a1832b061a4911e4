package dev.clawscope.session;

import dev.clawscope.observe.PeerFault;
import java.util.Objects;

/**
 * A fault a session offers, as a menu shows it: {@code Freeze 60 s}, applied as {@code fault}. The
 * link's session offers the fault proxy's faults ({@link PeerFault.Bytes}); an observe session also
 * those only a relay that speaks the protocol can inject.
 *
 * @param id      stable for the window, e.g. {@code fault-freeze-60}
 * @param label   what the menu says
 * @param fault   what it applies
 * @param section where the menu groups it
 */
public record FaultOption(String id, String label, PeerFault fault, Section section) {

    /** The menu's groups, top to bottom; a menu separates them. */
    public enum Section {
        /** Faults at the protocol: frames the relay holds back, swallows or sends in the gateway's place. */
        PROTOCOL,
        /** Faults on the bytes: the fault proxy's. */
        BYTES,
        /** Ends the faults in force. */
        HEAL
    }

    public FaultOption {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(section, "section");
    }

    /** An option of {@code section} that applies the fault {@code command} parses to ({@link PeerFault#parse}). */
    static FaultOption of(String id, String label, String command, Section section) {
        PeerFault.Parse parsed = PeerFault.parse(command);
        if (parsed instanceof PeerFault.Parse.Parsed p) {
            return new FaultOption(id, label, p.fault(), section);
        }
        throw new IllegalArgumentException(command + ": " + ((PeerFault.Parse.Rejected) parsed).message());
    }
}
