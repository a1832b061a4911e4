package dev.clawscope.ui.archfixture;

import dev.clawscope.session.GatewaySession;

/** A deliberate violation, used to show that the views rule bites: a view that reads the session. */
public final class SessionReadingView {

    public String label(GatewaySession session) {
        return session.gatewayLabel();
    }
}
