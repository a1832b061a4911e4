package dev.clawscope.ui.inspector;

import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.LinkState;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.ObserveSession;
import dev.clawscope.session.SourceSession;
import dev.clawscope.ui.FxThread;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The inspector's models over one session, of this app's link or of an observed client, and what
 * they follow. Each view reads only its own model: the header its {@link HeaderModel} (the link's
 * status, the clock) or, for an observed client, its {@link ClientHeaderModel} (the client's
 * status), the toolbar its {@link ControlsModel} (commands off the FX thread), the table and the
 * timeline the {@link EventsModel} (the journal, on the lanes of its source), the status line its
 * {@link StatusLineModel}. This class owns the subscriptions that feed them: the session's status
 * and journal are taken on {@link #activate()} (the window shows, seeding from the journal's
 * backlog) and let go on {@link #deactivate()} (it hides). FX thread.
 */
public final class InspectorViewModel {

    /** Entries between the journal's subscriber thread and the FX thread; beyond it the oldest are dropped. */
    private static final int BRIDGE_CAPACITY = 200_000;
    private static final JournalClock CLOCK = JournalClock.system();

    private final SourceSession session;
    private final StatusLineModel statusLine;
    private final SessionHeader header;
    private final ControlsModel controls;
    private final EventsModel events;
    private FxThread.Batcher<JournalEntry> bridge;
    private Subscription journal;
    private Subscription status;

    public InspectorViewModel(SourceSession session) {
        this.session = session;
        statusLine = new StatusLineModel(session.origin());
        if (session instanceof GatewaySession gateway) {
            HeaderModel link = new HeaderModel(gateway, CLOCK::monoMs);
            header = link;
            controls = new ControlsModel(session, link.stateProperty(), statusLine);
        } else {
            header = new ClientHeaderModel((ObserveSession) session, CLOCK::monoMs);
            controls = new ControlsModel(session, new ReadOnlyObjectWrapper<>(LinkState.IDLE), statusLine);
        }
        events = new EventsModel(session.label(), session.source().kind(), statusLine, CLOCK::monoMs);
    }

    /** Follows the session's status and the journal (its backlog first) and starts the header's clock; FX thread. */
    public void activate() {
        if (journal != null) {
            return;
        }
        status = header.follow();
        bridge = new FxThread.Batcher<>(BRIDGE_CAPACITY, events::apply);
        journal = session.journal().subscribeWithBacklog("inspector", bridge::offer);
        header.start();
    }

    /** Lets go of the status and the journal and stops the header's clock; FX thread. */
    public void deactivate() {
        header.stop();
        if (journal != null) {
            journal.close();
            journal = null;
            status.close();
            status = null;
        }
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
    }

    /** Lets go, stops the command thread and closes the session off the FX thread (the window is closing). */
    public void shutdown() {
        deactivate();
        controls.shutdown();
        CompletableFuture.runAsync(session::close);
    }

    /** Whether the models follow the session now (the window shows); FX thread. */
    public boolean following() {
        return journal != null;
    }

    /** Whether the session observes another client (its header is {@link #clientHeader()}), not this app's link. */
    public boolean observed() {
        return header instanceof ClientHeaderModel;
    }

    /**
     * The header of this app's link.
     *
     * @throws IllegalStateException for an observed client's session
     */
    public HeaderModel header() {
        if (header instanceof HeaderModel link) {
            return link;
        }
        throw new IllegalStateException("an observed client's header is clientHeader()");
    }

    /**
     * The header of an observed client.
     *
     * @throws IllegalStateException for this app's link's session
     */
    public ClientHeaderModel clientHeader() {
        if (header instanceof ClientHeaderModel client) {
            return client;
        }
        throw new IllegalStateException("a link's header is header()");
    }

    public ControlsModel controls() {
        return controls;
    }

    public EventsModel events() {
        return events;
    }

    public StatusLineModel statusLine() {
        return statusLine;
    }

    /** Entries the bridge dropped because the FX thread fell behind (the journal still has them). */
    public long droppedOnTheWay() {
        FxThread.Batcher<JournalEntry> b = bridge;
        return b == null ? 0 : b.dropped();
    }
}
