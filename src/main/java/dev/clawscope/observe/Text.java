package dev.clawscope.observe;

/** Words from the observed client or its gateway, made safe for a journal line: short and printable. */
final class Text {

    private Text() {
    }

    /** At most {@code max} characters, each outside printable ASCII replaced by {@code ?}. */
    static String printable(String s, int max) {
        String cut = s.length() > max ? s.substring(0, max) + "…" : s;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c >= 0x20 && c < 0x7F || c == '…' ? c : '?');
        }
        return out.toString();
    }

    static String printableOrNull(String s, int max) {
        return s == null ? null : printable(s, max);
    }
}
