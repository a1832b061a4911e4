package dev.clawscope;

import dev.clawscope.cli.ClawscopeCommand;
import dev.clawscope.ui.DesktopApp;
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
        // Tyrus and Grizzly log through java.util.logging; send that through the same Logback setup.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        HeapTuning.startInBackground();
        // The window returns once its sessions have closed; exiting now leaves no thread (AWT's) to linger.
        System.exit(ClawscopeCommand.run(args, DesktopApp::launch));
    }
}
