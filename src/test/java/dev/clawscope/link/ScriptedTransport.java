package dev.clawscope.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A transport without sockets whose connections do what the test says, for lifecycle edges the
 * simulator cannot produce on demand (a step that throws, a callback at an exact moment). The
 * test plays the server through {@link #listener()}; what the link sent is recorded.
 */
final class ScriptedTransport implements Transport {

    private final List<Scripted> opened = new CopyOnWriteArrayList<>();
    /** Texts for which {@code sendText} throws, as a broken transport or encoder would. */
    private volatile Predicate<String> throwOnSend = text -> false;
    private volatile boolean closed;

    void throwOnSend(Predicate<String> when) {
        throwOnSend = when;
    }

    @Override
    public Connection open(GatewayAddress address, Listener listener) {
        Scripted connection = new Scripted(listener);
        opened.add(connection);
        return connection;
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    List<Scripted> connections() {
        return List.copyOf(opened);
    }

    Scripted last() {
        return opened.get(opened.size() - 1);
    }

    final class Scripted implements Connection {
        private final Listener listener;
        final List<String> sent = new ArrayList<>();
        volatile Integer closedWith;

        Scripted(Listener listener) {
            this.listener = listener;
        }

        Listener listener() {
            return listener;
        }

        @Override
        public synchronized boolean sendText(String text) {
            if (throwOnSend.test(text)) {
                throw new IllegalStateException("scripted failure while sending");
            }
            sent.add(text);
            return closedWith == null;
        }

        @Override
        public boolean sendPing(byte[] payload) {
            return closedWith == null;
        }

        @Override
        public void setMaxInboundBytes(int bytes) {
        }

        @Override
        public void close(int code, String reason) {
            if (closedWith == null) {
                closedWith = code;
            }
        }

        boolean isOpen() {
            return closedWith == null;
        }
    }
}
