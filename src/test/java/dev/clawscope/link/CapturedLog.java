package dev.clawscope.link;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures one logger's lines, and keeps them off the console, while open. */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final boolean additive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLog(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        additive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /** Level and formatted message of each line so far, as {@code "ERROR message"}. */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                    .collect(Collectors.toList());
        }
    }

    @Override
    public void close() {
        logger.setAdditive(additive);
        logger.detachAppender(appender);
        appender.stop();
    }
}
