package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clawscope's logging writes a size-capped rolling file into the log folder and only warnings to the console. */
class LoggingConfigurationTest {

    @Test
    void writesACappedFileIntoTheLogFolderAndWarningsToTheConsole(@TempDir Path logs) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            LoggingSetup.apply(context, logs, Level.WARN);
            context.getLogger("dev.clawscope.test").info("hello from the logging test");
            context.getLogger("dev.clawscope.test").warn("a warning from the logging test");
            context.getLogger("dev.clawscope.test").debug("debug stays out");
            for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                assertTrue(status.getLevel() < Status.ERROR, () -> "logback reported: " + status);
            }

            RollingFileAppender<?> file = (RollingFileAppender<?>) context.getLogger("ROOT").getAppender("FILE");
            assertEquals(logs.resolve("clawscope.log").toString(), file.getFile());
            SizeBasedTriggeringPolicy<?> trigger = (SizeBasedTriggeringPolicy<?>) file.getTriggeringPolicy();
            assertEquals(5L * 1024 * 1024, trigger.getMaxFileSize().getSize());
            FixedWindowRollingPolicy rolling = (FixedWindowRollingPolicy) file.getRollingPolicy();
            assertEquals(4, rolling.getMaxIndex());
            assertEquals(logs.resolve("clawscope.%i.log.gz").toString(), rolling.getFileNamePattern());
            String written = Files.readString(logs.resolve("clawscope.log"));
            assertTrue(written.contains("] INFO  dev.clawscope.test - hello from the logging test"), written);
            assertTrue(written.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\[.*"), written);
            assertFalse(written.contains("debug stays out"), written);
            String said = console.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("WARN  dev.clawscope.test - a warning from the logging test"), said);
            assertFalse(said.contains("hello from the logging test"), "INFO stays off the console: " + said);
            assertFalse(context.getLogger("ROOT").isDebugEnabled());
            assertEquals(Level.OFF, context.getLogger("org.glassfish.tyrus.container.jdk.client.ClientFilter").getLevel());
            assertEquals(java.util.logging.Level.WARNING, Logger.getLogger("org.glassfish").getLevel(),
                    "the levels reach java.util.logging");
        } finally {
            System.setErr(err);
            context.stop();
        }
    }

    @Test
    void logbackFindsTheSetUpAndItStepsAsideForATestConfiguration() {
        Configurator found = ServiceLoader.load(Configurator.class).findFirst().orElseThrow();
        assertTrue(found instanceof LoggingSetup, found.getClass().getName());
        LoggerContext context = new LoggerContext();
        found.setContext(context);
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, found.configure(context),
                "the tests' logback-test.xml is on the class path");
        assertTrue(context.getLogger("ROOT").getAppender("FILE") == null);
    }
}
