package dev.clawscope;

import dev.clawscope.cli.ClawscopeCommand;
import dev.clawscope.ui.DesktopApp;
import dev.clawscope.ui.GdkGl;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point of {@code clawscope.jar}: a command runs headless, no command opens the window.
 * It deliberately does not extend {@code javafx.application.Application}, so JavaFX can be
 * loaded from the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (ClawscopeCommand.opensTheWindowAsItIs(args)) {
            // Before anything else: it takes a while and must be done before GTK starts.
            GdkGl.start();
        }
        // Tyrus and Grizzly log through java.util.logging; send that through the same Logback setup.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        HeapTuning.startInBackground();
        // The window returns once its sessions have closed; exiting now leaves no thread (AWT's) to linger.
        System.exit(ClawscopeCommand.run(args, () -> {
            // The window and the tray run all day: the JIT's first tier and a trimmed native heap, as
            // the launchers' options have it (a plain java -jar has neither).
            CompilerTuning.startInBackground();
            HeapTuning.checkEveryMinute();
            return DesktopApp.launch();
        }));
    }
}
