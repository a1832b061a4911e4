package dev.clawscope.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    private static boolean isPathList(String value) {
        return value.contains(File.pathSeparator) && value.contains(File.separator);
    }

    private static String entries(String list) {
        return "<" + list.split(File.pathSeparator).length + " entries>";
    }
}
