package dev.clawscope.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/** The window tests' two ways to wait: for an answer from the FX thread, and for a condition. */
public final class FxWait {

    private static final long SECONDS = 10;

    private FxWait() {
    }

    /** {@code query}'s answer, asked on the FX thread. */
    public static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(SECONDS, TimeUnit.SECONDS);
    }

    /** Returns once {@code condition} holds; fails saying {@code what} did not happen in time. */
    public static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }
}
