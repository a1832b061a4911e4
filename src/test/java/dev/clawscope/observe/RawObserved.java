package dev.clawscope.observe;

import dev.clawscope.journal.Journal;
import java.io.IOException;

/** An observer in front of a {@link RawServer}, with its journal; closing it closes all three. */
record RawObserved(Journal journal, RawServer gateway, Observer observer) implements AutoCloseable {

    static RawObserved start() throws IOException {
        return start(Analyzer.MAX_BACKLOG_BYTES);
    }

    /** With a decoding backlog of {@code backlog} bytes. */
    static RawObserved start(long backlog) throws IOException {
        Journal journal = new Journal();
        RawServer gateway = new RawServer();
        try {
            return new RawObserved(journal, gateway,
                    Observer.start(RawServer.observerInFrontOf(gateway.address()), journal, backlog));
        } catch (IOException | RuntimeException e) {
            gateway.close();
            journal.close();
            throw e;
        }
    }

    @Override
    public void close() {
        observer.close();
        gateway.close();
        journal.close();
    }
}
