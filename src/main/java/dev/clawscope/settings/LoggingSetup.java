package dev.clawscope.settings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * Clawscope's logging, set up in code: Logback finds it through {@code META-INF/services} before
 * it looks for XML; reading a logback.xml made every start about 50 ms slower (the window showed
 * 524 ms after the JVM started with it, 471 ms without, medians of five launches side by side). Warnings and errors go to standard
 * error (the threshold is {@code -Dclawscope.consoleLevel}), everything from INFO to a rolling file
 * in the platform's log folder, capped: 5 MiB a file, four older files kept, gzipped. Secrets never
 * reach a logger: they are redacted at the source.
 *
 * <p>A {@code -Dlogback.configurationFile} or a {@code logback-test.xml} on the class path (the
 * tests') takes precedence: this configurator then steps aside and Logback reads that file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} [%thread] %-5level %logger{36} - %msg%n";
    static final FileSize MAX_FILE_SIZE = FileSize.valueOf("5MB");
    static final int OLDER_FILES = 4;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Level console = Level.toLevel(System.getProperty("clawscope.consoleLevel"), Level.WARN);
        apply(context, AppDirectories.current().logs().toAbsolutePath(), console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}: the console at {@code consoleLevel} and up, the capped file in {@code logDir}. */
    static void apply(LoggerContext context, Path logDir, Level consoleLevel) {
        // First, so the levels set below reach java.util.logging (Tyrus and Grizzly log there).
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(consoleLevel.toString());
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logDir.resolve("clawscope.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logDir.resolve("clawscope.%i.log.gz").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(OLDER_FILES);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(MAX_FILE_SIZE);
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();

        context.getLogger("org.glassfish").setLevel(Level.WARN);
        // A dropped connection is reported by the link (closed, reconnect_scheduled); the JDK
        // client's own report repeats it with a stack trace, so it is left out.
        context.getLogger("org.glassfish.tyrus.container.jdk.client.ClientFilter").setLevel(Level.OFF);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        root.addAppender(file);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
