package dev.clawscope.link;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.LinkEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A link on a {@link ScriptedGateway} in virtual time, disposed after each test. */
abstract class ScriptedLinkFixture {

    final VirtualLinkExecutor clock = new VirtualLinkExecutor();
    final Journal journal = new Journal();
    final ScriptedGateway gateway = ScriptedGateway.accepting(ScriptedGateway.helloOk());
    final GatewayLink link = gateway.link(clock, journal);

    @AfterEach
    void disposeLink() {
        link.dispose();
        journal.close();
    }

    List<LinkEvent> events() {
        return journal.snapshot().stream().map(JournalEntry::event).toList();
    }

    <T extends LinkEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
