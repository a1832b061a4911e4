package dev.clawscope.ui;

/** The innermost cause of a failure, said in one line for the window or the terminal. */
public final class RootCause {

    private RootCause() {
    }

    /** The innermost cause's message, or its class's simple name when it has none. */
    public static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null || text.isBlank() ? root.getClass().getSimpleName() : text;
    }
}
