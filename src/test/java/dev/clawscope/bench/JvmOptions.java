package dev.clawscope.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM's options as {@code jcmd <pid> VM.command_line} tells them, written short for a table. */
final class JvmOptions {

    private static final Set<String> PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path");

    private JvmOptions() {
    }

    /** The {@code jvm_args:} line of {@code jcmd VM.command_line}; empty when the JVM got no options. */
    static String jvmArgs(String jcmdOutput) {
        for (String line : jcmdOutput.lines().toList()) {
            if (line.startsWith("jvm_args:")) {
                return line.substring("jvm_args:".length()).strip();
            }
        }
        return "";
    }

    /**
     * {@code options} with every path list (a class or module path, an option's value with more
     * than one entry) written as its number of entries, and {@code project}'s folder left out of paths.
     */
    static String shorten(String options, Path project) {
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String token : options.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String shortened = token;
            int eq = token.indexOf('=');
            if (PATH_OPTIONS.contains(previous) && isPathList(token)) {
                shortened = entries(token);
            } else if (eq > 0 && isPathList(token.substring(eq + 1))) {
                shortened = token.substring(0, eq + 1) + entries(token.substring(eq + 1));
            }
            out.add(shortened.replace(project + File.separator, ""));
            previous = token;
        }
        return String.join(" ", out);
    }

    /**
     * The flags set after the JVM started or from outside its command line, from
     * {@code jcmd <pid> VM.flags -all}: origin {@code management} (set through the HotSpot
     * diagnostic bean, e.g. by the app itself), {@code environment} ({@code JAVA_TOOL_OPTIONS})
     * or {@code attach}; as {@code -XX:} options.
     */
    static List<String> setAtRunTime(String flagsAll) {
        List<String> out = new ArrayList<>();
        for (String line : flagsAll.lines().toList()) {
            Matcher m = FLAG.matcher(line);
            if (m.matches() && Set.of("management", "environment", "attach").contains(m.group(4))) {
                out.add(option(m));
            }
        }
        return out;
    }

    /**
     * The collector and the largest heap, from {@code jcmd <pid> VM.flags -all}, e.g.
     * {@code Serial, max heap 1074 MB}; empty when the output names neither.
     */
    static String heap(String flagsAll) {
        String gc = null;
        long max = -1;
        for (String line : flagsAll.lines().toList()) {
            Matcher m = FLAG.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(2);
            if (name.matches("Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC") && m.group(3).equals("true")) {
                gc = name.substring(3, name.length() - 2);
            } else if (name.equals("MaxHeapSize")) {
                max = Long.parseLong(m.group(3));
            }
        }
        List<String> parts = new ArrayList<>();
        if (gc != null) {
            parts.add(gc + " GC");
        }
        if (max >= 0) {
            parts.add(String.format(java.util.Locale.ROOT, "max heap %d MB", Math.round(max / 1e6)));
        }
        return String.join(", ", parts);
    }

    private static final Pattern FLAG = Pattern.compile(
            "^\\s*(\\S+)\\s+(\\w+)\\s+:?=\\s+(\\S*)\\s+\\{[^}]*}\\s+\\{([^}]*)}\\s*$");

    private static String option(Matcher m) {
        String type = m.group(1);
        String name = m.group(2);
        String value = m.group(3);
        return type.equals("bool") ? "-XX:" + (value.equals("true") ? "+" : "-") + name : "-XX:" + name + "=" + value;
    }

    private static boolean isPathList(String value) {
        return value.contains(File.pathSeparator) && value.contains(File.separator);
    }

    private static String entries(String list) {
        return "<" + list.split(File.pathSeparator).length + " entries>";
    }
}
