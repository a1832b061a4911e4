package dev.clawscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLaunchAsksTheFirstToComeForwardInsteadOfStarting() throws Exception {
        SingleInstance.Claim first = SingleInstance.claim(dir);
        SingleInstance instance = assertInstanceOf(SingleInstance.Claim.First.class, first).instance();
        CountDownLatch focused = new CountDownLatch(1);
        instance.onFocus(focused::countDown);
        try {
            SingleInstance.Claim second = SingleInstance.claim(dir);
            assertEquals(new SingleInstance.Claim.Other(true), second);
            assertTrue(focused.await(5, TimeUnit.SECONDS), "the running instance was asked to come forward");
            assertEquals(Integer.toString(instance.port().orElseThrow()), Files.readString(dir.resolve(SingleInstance.PORT)));
        } finally {
            instance.close();
        }
        SingleInstance.Claim again = SingleInstance.claim(dir);
        assertInstanceOf(SingleInstance.Claim.First.class, again, "free again after close");
        ((SingleInstance.Claim.First) again).instance().close();
    }
}
