package dev.clawscope;

import dev.clawscope.cli.ClawscopeCommand;
import dev.clawscope.ui.DesktopApp;

/**
 * Entry point of {@code clawscope.jar}: a command runs headless, no command opens the window.
 * It deliberately does not extend {@code javafx.application.Application}, so JavaFX can be
 * loaded from the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = ClawscopeCommand.run(args, DesktopApp::launch);
        if (code != 0 || args.length > 0) {
            System.exit(code);
        }
    }
}
