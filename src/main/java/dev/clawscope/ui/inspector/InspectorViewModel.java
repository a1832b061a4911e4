package dev.clawscope.ui.inspector;

import dev.clawscope.journal.JournalClock;
import dev.clawscope.journal.JournalEntry;
import dev.clawscope.journal.Subscription;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.ui.FxThread;
import java.util.concurrent.CompletableFuture;

/**
 * The inspector's models over one session, and what they follow. Each view reads only its own
 * model: the header its {@link HeaderModel} (the link's status, the clock), the toolbar its
 * {@link ControlsModel} (commands off the FX thread), the table and the timeline the
 * {@link EventsModel} (the journal), the status line its {@link StatusLineModel}. This class owns
 * the subscriptions that feed them: the link's status and the session's journal are taken on
 * {@link #activate()} (the window shows, seeding from the journal's backlog) and let go on
 * {@link #deactivate()} (it hides). FX thread.
 */
public final class InspectorViewModel {

    /** Entries between the journal's subscriber thread and the FX thread; beyond it the oldest are dropped. */
    private static final int BRIDGE_CAPACITY = 200_000;
    private static final JournalClock CLOCK = JournalClock.system();

    private final GatewaySession session;
    private final StatusLineModel statusLine;
    private final HeaderModel header;
    private final ControlsModel controls;
    private final EventsModel events;
    private FxThread.Batcher<JournalEntry> bridge;
    private Subscription journal;
    private Subscription status;

    public InspectorViewModel(GatewaySession session) {
        this.session = session;
        statusLine = new StatusLineModel(session.choice().origin());
        header = new HeaderModel(session, CLOCK::monoMs);
        controls = new ControlsModel(session, header.stateProperty(), statusLine);
        events = new EventsModel(session.gatewayLabel(), statusLine, CLOCK::monoMs);
    }

    /** Follows the link's status and the journal (its backlog first) and starts the header's clock; FX thread. */
    public void activate() {
        if (journal != null) {
            return;
        }
        status = session.onStatus("inspector", FxThread::run, header::show);
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

    public HeaderModel header() {
        return header;
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
