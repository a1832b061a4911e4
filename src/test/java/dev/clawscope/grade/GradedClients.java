package dev.clawscope.grade;

import java.nio.file.Path;

/** Client commands the grader's tests grade: the broken clients and Clawscope's own probe. */
public final class GradedClients {

    private GradedClients() {
    }

    /** The JVM of this test run with this run's class path, small and quick to start. */
    private static String java(String heap) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return quote(java) + " -Xmx" + heap + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -cp "
                + quote(System.getProperty("java.class.path"));
    }

    /** A {@link BrokenClient} of {@code mode}; it reads CLAWSCOPE_URL and CLAWSCOPE_TOKEN. */
    public static String broken(String mode) {
        return java("64m") + " " + BrokenClient.class.getName() + " " + mode;
    }

    /**
     * Clawscope's own {@code probe} until stopped, with its settings (device identity, logs) under
     * {@code home}; given the URL and token through the placeholders.
     */
    public static String probe(Path home) {
        return "CLAWSCOPE_HOME=" + quote(home.toString()) + " " + java("128m")
                + " dev.clawscope.Main probe --url {url} --token-env CLAWSCOPE_TOKEN --duration 0";
    }

    /** {@code text} in single quotes for sh. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
