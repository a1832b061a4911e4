package dev.clawscope.scenario;

import dev.clawscope.journal.LinkEvent;
import java.util.Set;

/** The journal line types of the contract, for checking scenario text early; read off {@link LinkEvent}. */
final class EventTypes {

    static final Set<String> ALL = Set.copyOf(LinkEvent.typeNames());

    private EventTypes() {
    }
}
