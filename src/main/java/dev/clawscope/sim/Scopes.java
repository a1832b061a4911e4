package dev.clawscope.sim;

import java.util.Collection;

/** The gateway's operator scope implications: admin satisfies all, write satisfies read, talk and sessions. */
final class Scopes {

    static final String READ = "operator.read";
    static final String WRITE = "operator.write";
    static final String ADMIN = "operator.admin";
    static final String PAIRING = "operator.pairing";
    static final String APPROVALS = "operator.approvals";

    private Scopes() {
    }

    static boolean satisfies(Collection<String> granted, String required) {
        if (granted.contains(ADMIN) || granted.contains(required)) {
            return true;
        }
        boolean impliedByWrite = required.equals(READ) || required.equals("operator.talk")
                || required.startsWith("operator.sessions.");
        return impliedByWrite && granted.contains(WRITE);
    }
}
