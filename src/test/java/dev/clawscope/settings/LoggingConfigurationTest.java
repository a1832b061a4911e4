package dev.clawscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml writes a size-capped rolling file into the platform's log folder. */
class LoggingConfigurationTest {

    @Test
    void shippedConfigurationWritesACappedFileIntoTheLogFolder(@TempDir Path logs) throws Exception {
        String previous = System.getProperty("clawscope.logDir");
        System.setProperty("clawscope.logDir", logs.toString());
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            URL config = getClass().getClassLoader().getResource("logback.xml");
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            context.getLogger("dev.clawscope.test").info("hello from the logging test");
            for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                assertTrue(status.getLevel() < Status.ERROR, () -> "logback reported: " + status);
            }

            RollingFileAppender<?> file = (RollingFileAppender<?>) context.getLogger("ROOT").getAppender("FILE");
            assertEquals(logs.resolve("clawscope.log").toString(), file.getFile());
            SizeBasedTriggeringPolicy<?> trigger = (SizeBasedTriggeringPolicy<?>) file.getTriggeringPolicy();
            assertEquals(5L * 1024 * 1024, trigger.getMaxFileSize().getSize());
            FixedWindowRollingPolicy rolling = (FixedWindowRollingPolicy) file.getRollingPolicy();
            assertEquals(4, rolling.getMaxIndex());
            String written = Files.readString(logs.resolve("clawscope.log"));
            assertTrue(written.contains("hello from the logging test"), written);
            assertFalse(context.getLogger("ROOT").isDebugEnabled());
        } finally {
            context.stop();
            if (previous == null) {
                System.clearProperty("clawscope.logDir");
            } else {
                System.setProperty("clawscope.logDir", previous);
            }
        }
    }
}
