package dev.clawscope.chaos;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing channels on paths where the outcome no longer matters to anyone but the log. */
final class Channels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private Channels() {
    }

    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", channel, e);
        }
    }

    /** Makes the next close send RST rather than FIN. */
    static void lingerZero(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // Already closed or broken: the close that follows is all that is left to do.
            LOG.debug("setting linger 0 on {} failed", channel, e);
        }
    }

    /** Closes a socket that no selector holds with RST. */
    static void reset(SocketChannel channel) {
        lingerZero(channel);
        closeQuietly(channel);
    }
}
