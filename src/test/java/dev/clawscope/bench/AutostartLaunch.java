package dev.clawscope.bench;

import dev.clawscope.settings.Autostart;

/**
 * Prints, one argument per line, the launch a Clawscope started from the jar writes into its
 * autostart entry ({@link Autostart#currentLaunch()}); {@link FootprintBenchmark} runs it with the
 * jar first on the class path, so the answer is the jar's own, whatever options it adds.
 */
public final class AutostartLaunch {

    private AutostartLaunch() {
    }

    public static void main(String[] args) {
        Autostart.currentLaunch().forEach(System.out::println);
    }
}
