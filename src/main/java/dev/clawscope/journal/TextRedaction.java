package dev.clawscope.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text rules of {@link RedactionRules}, applied to one string. A cheap scan of the string
 * decides which rules can match at all, so the common short word ({@code operator.read}) costs no
 * regex. The rules are applied until nothing changes (at most {@link #MAX_ROUNDS} times), which
 * makes redaction idempotent: no marker ({@code <redacted>}, {@code <email>}, …) matches a rule.
 * Thread-safe.
 */
final class TextRedaction {

    static final String REDACTED = "<redacted>";
    static final String HEX_MARK = "<redacted:hex>";
    static final String TOKEN_MARK = "<redacted:token>";
    static final String EMAIL_MARK = "<email>";
    static final String IP_MARK = "<ip>";
    static final String HOST_MARK = "<host>";
    private static final int MAX_ROUNDS = 4;
    private static final int MIN_TOKEN = 32;

    private static final String SECRET_NAME = "[A-Za-z0-9_-]*?(?:token|passw(?:or)?d|secret|signature|nonce"
            + "|private[_-]?key|api[_-]?key|authorization|cookie|credentials?)";
    /** What may sit between a key and its value: a closing quote (maybe escaped), then {@code :} or {@code =}. */
    private static final String SEPARATOR = "(\\\\?[\"']?\\s*[:=]\\s*)";
    /** A value: a JSON string, an escaped JSON string inside text, a single-quoted string, or a bare word. */
    private static final String VALUE = "(\"(?:[^\"\\\\]|\\\\.)*\"|\\\\\"(?:[^\"\\\\]|\\\\[^\"])*\\\\\"|'[^']*'"
            + "|[^\\s\"'&,;\\\\]+)";

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)\\s+[^\\s\"'<>,;]+");
    private static final Pattern HEADER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])((?:proxy-)?authorization|(?:set-)?cookie|x-api-key)(\\s*:\\s*)[^\\r\\n\"]+");
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#\"'<>]+@");
    private static final Pattern QUERY = Pattern.compile("\\?[^\\s#\"'<>=?&]*=[^\\s#\"'<>]*");
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])(" + SECRET_NAME + ")" + SEPARATOR + VALUE);
    private static final Pattern ID_ASSIGNMENT = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])(device|conn|connection|request|instance)[_-]?id" + SEPARATOR
                    + "(\\\\?[\"']?)([A-Za-z0-9_.:#-]+)");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");
    private static final String PATH_END = "(?=[/\\\\\\s\"'<>:,;)\\]}|]|$)";
    private static final Pattern UNIX_HOME = Pattern.compile(
            "(?<![A-Za-z0-9._~-])/(?:home/[^/\\\\\\s\"'<>:]+|Users/[^/\\\\\\s\"'<>:]+|root)" + PATH_END);
    private static final Pattern WINDOWS_HOME = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])[A-Z]:(\\\\{1,2}|/)Users\\1[^\\\\/\\s\"'<>:]+" + PATH_END);
    private static final Pattern HEX = Pattern.compile("(?<![A-Za-z0-9_-])[0-9a-fA-F]{32,}(?![A-Za-z0-9_-])");
    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![A-Za-z0-9_.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![A-Za-z0-9_]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![A-Za-z0-9_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![A-Za-z0-9_:.])");
    private static final Pattern URL_HOST = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*://(?:[^/\\s@\"']*@)?)([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)");
    private static final Pattern DOTTED_NAME = Pattern.compile(
            "(?<![A-Za-z0-9_./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24})"
                    + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])");
    /** Top-level domains common in host names and rare as the last part of a method or file name. */
    private static final Set<String> TLDS = Set.of("com", "net", "org", "io", "dev", "app", "ai", "cloud", "local",
            "lan", "internal", "localdomain", "arpa", "edu", "gov", "mil", "co", "uk", "de", "fr", "nl", "ch", "eu",
            "us", "ca", "au", "jp", "cn", "ru", "br", "it", "es", "se", "no", "fi", "dk", "pl", "at", "be", "cz",
            "tech", "site", "online", "xyz", "corp", "intranet");

    private final RedactionRules rules;
    private final Pseudonyms pseudonyms;
    private final Pattern userHome;
    private final String userHomeText;

    TextRedaction(RedactionRules rules, Pseudonyms pseudonyms, String userHome) {
        this.rules = rules;
        this.pseudonyms = pseudonyms;
        this.userHome = userHomePattern(userHome);
        // Both spellings of the home (single or doubled backslashes) contain its last part.
        this.userHomeText = this.userHome == null ? null : lastPart(userHome);
    }

    /** The string with every rule applied until it no longer changes. */
    String apply(String text) {
        String current = text;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = applyOnce(current);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private String applyOnce(String text) {
        Shape shape = Shape.of(text);
        if (shape.plain()) {
            return text;
        }
        String s = text;
        if (shape.space && containsIgnoreCase(s, "bearer")) {
            s = replace(BEARER, s, m -> m.group(1) + " " + REDACTED);
        }
        if (shape.assignment) {
            s = replace(HEADER, s, m -> m.group(1) + m.group(2) + REDACTED);
        }
        if (shape.at && shape.colon) {
            s = replace(USERINFO, s, m -> m.group(1) + REDACTED + "@");
        }
        if (shape.question && shape.equals) {
            s = replace(QUERY, s, m -> "?" + REDACTED);
        }
        if (shape.assignment) {
            s = replace(SECRET_ASSIGNMENT, s, m -> m.group(1) + m.group(2) + redactedValue(m.group(3)));
            s = replace(ID_ASSIGNMENT, s, this::pseudonymAssignment);
        }
        if (shape.at) {
            s = replace(EMAIL, s, m -> EMAIL_MARK);
        }
        if (shape.slash) {
            if (s.contains("/home/") || s.contains("/Users/") || s.contains("/root")) {
                s = replace(UNIX_HOME, s, m -> "~");
            }
            if (userHome != null && s.contains(userHomeText)) {
                s = replace(userHome, s, m -> "~");
            }
            if (shape.drive && s.contains("sers")) {
                s = replace(WINDOWS_HOME, s, m -> "~");
            }
        }
        if (shape.longRun) {
            s = replace(HEX, s, m -> HEX_MARK);
            s = replace(TOKEN, s, m -> looksLikeToken(m.group()) ? TOKEN_MARK : m.group());
        }
        if (rules.redactIps()) {
            if (shape.dot) {
                s = replace(IPV4, s, TextRedaction::ipv4);
            }
            if (shape.colon) {
                s = replace(IPV6, s, TextRedaction::ipv6);
            }
        }
        if (rules.redactHostNames() && (shape.dot || shape.colon && shape.slash)) {
            s = replace(URL_HOST, s, TextRedaction::urlHost);
            s = replace(DOTTED_NAME, s, m -> TLDS.contains(m.group(1).toLowerCase(Locale.ROOT)) ? HOST_MARK : m.group());
        }
        return s;
    }

    private static boolean containsIgnoreCase(String text, String lowerCaseWord) {
        int last = text.length() - lowerCaseWord.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, lowerCaseWord, 0, lowerCaseWord.length())) {
                return true;
            }
        }
        return false;
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start()).append(replacement.apply(m));
            last = m.end();
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    /** Keeps the value's quoting so the surrounding text stays well-formed. */
    private static String redactedValue(String value) {
        if (value.startsWith("\\\"")) {
            return "\\\"" + REDACTED + "\\\"";
        }
        char first = value.charAt(0);
        if (first == '"' || first == '\'') {
            return first + REDACTED + first;
        }
        return REDACTED;
    }

    private String pseudonymAssignment(MatchResult m) {
        String kind = m.group(1).toLowerCase(Locale.ROOT);
        String prefix = kind.equals("connection") ? "conn" : kind;
        String id = m.group(4);
        // An id that already is a pseudonym, or was already redacted, stays as it is.
        String value = Pseudonyms.isPseudonym(id) ? id : pseudonyms.of(prefix, id);
        return m.group().substring(0, m.start(4) - m.start()) + value;
    }

    /**
     * A run of 32+ base64url characters is a token when it has letters and digits alternating at
     * least twice inside one {@code _}/{@code -} segment; {@code attempt_2026_09_06_reconnect_scheduled}
     * is a plain word.
     */
    static boolean looksLikeToken(String run) {
        int switches = 0;
        int previous = 0; // 0 none, 1 letter, 2 digit
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            int kind = c >= '0' && c <= '9' ? 2 : c == '_' || c == '-' ? 0 : 1;
            if (kind != 0 && previous != 0 && kind != previous) {
                switches++;
            }
            previous = kind;
        }
        return switches >= 2;
    }

    private static String ipv4(MatchResult m) {
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = Integer.parseInt(m.group(i + 1));
            if (octets[i] > 255) {
                return m.group();
            }
        }
        boolean reveals = octets[0] != 127 && !(octets[0] == 0 && octets[1] == 0 && octets[2] == 0 && octets[3] == 0);
        return reveals ? IP_MARK : m.group();
    }

    private static String ipv6(MatchResult m) {
        int[] groups = ipv6Groups(m.group());
        if (groups == null) {
            return m.group();
        }
        for (int i = 0; i < 7; i++) {
            if (groups[i] != 0) {
                return IP_MARK;
            }
        }
        // ::1 (loopback) and :: (unspecified) reveal nothing.
        return groups[7] <= 1 ? m.group() : IP_MARK;
    }

    /** The eight groups of an IPv6 address, or {@code null} when the text is not one (e.g. {@code 23:05:14}). */
    static int[] ipv6Groups(String address) {
        int compressed = address.indexOf("::");
        if (compressed >= 0 && address.indexOf("::", compressed + 1) >= 0) {
            return null;
        }
        List<String> head = ipv6Parts(compressed >= 0 ? address.substring(0, compressed) : address);
        List<String> tail = ipv6Parts(compressed >= 0 ? address.substring(compressed + 2) : "");
        if (head == null || tail == null || compressed < 0 && head.size() != 8
                || compressed >= 0 && head.size() + tail.size() > 7) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = Integer.parseInt(head.get(i), 16);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = Integer.parseInt(tail.get(i), 16);
        }
        return groups;
    }

    private static List<String> ipv6Parts(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> parts = List.of(text.split(":", -1));
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
        }
        return parts;
    }

    private static String urlHost(MatchResult m) {
        String host = m.group(2);
        boolean name = false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                name = true;
                break;
            }
        }
        boolean keep = !name || host.equalsIgnoreCase("localhost") || host.matches("(?i)[0-9a-f:.]+") && host.contains(":");
        return keep ? m.group() : m.group(1) + HOST_MARK;
    }

    private static String lastPart(String path) {
        String trimmed = path.replaceAll("[\\\\/]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    private static Pattern userHomePattern(String home) {
        if (home == null || home.length() < 3 || home.equals("/") || home.matches("(?i)[A-Z]:\\\\?")) {
            return null;
        }
        List<String> forms = new ArrayList<>(List.of(Pattern.quote(home)));
        if (home.indexOf('\\') >= 0) {
            forms.add(Pattern.quote(home.replace("\\", "\\\\")));
        }
        return Pattern.compile("(?<![A-Za-z0-9._-])(?:" + String.join("|", forms) + ")" + PATH_END);
    }

    /** Which characters a string holds, to skip the rules that cannot match. */
    private static final class Shape {
        boolean space;
        boolean colon;
        boolean equals;
        boolean at;
        boolean question;
        boolean slash;
        boolean dot;
        boolean longRun;
        /** A {@code :} or {@code =} after a word, maybe across a quote: {@code key=}, {@code "key": }. */
        boolean assignment;
        /** A {@code :} between a letter and a path separator, as in {@code C:\}. */
        boolean drive;

        static Shape of(String text) {
            Shape shape = new Shape();
            int run = 0;
            boolean afterLetter = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
                if (letter || c >= '0' && c <= '9' || c == '_' || c == '-') {
                    if (++run >= MIN_TOKEN) {
                        shape.longRun = true;
                    }
                    afterLetter = letter;
                    continue;
                }
                run = 0;
                if (c == ':' || c == '=') {
                    shape.assignment |= afterLetter;
                }
                if (c != ' ' && c != '"' && c != '\'' && c != '\\') {
                    afterLetter = false;
                }
                switch (c) {
                    case ' ', '\t' -> shape.space = true;
                    case ':' -> {
                        shape.colon = true;
                        shape.drive |= i > 0 && i + 1 < text.length() && Character.isLetter(text.charAt(i - 1))
                                && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == '/');
                    }
                    case '=' -> shape.equals = true;
                    case '@' -> shape.at = true;
                    case '?' -> shape.question = true;
                    case '/', '\\' -> shape.slash = true;
                    case '.' -> shape.dot = true;
                    default -> {
                    }
                }
            }
            return shape;
        }

        boolean plain() {
            return !(space || colon || equals || at || question || slash || dot || longRun);
        }
    }
}
