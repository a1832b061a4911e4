package dev.clawscope.tray;

/** Application actions that do nothing, for tests of the tray controller alone. */
public final class NoTrayActions implements TrayController.Actions {
    @Override
    public void openInspector() {
    }

    @Override
    public void exportProof() {
    }

    @Override
    public void openUrl(String url) {
    }

    @Override
    public void quit() {
    }
}
