package dev.clawscope.cli;

import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clawscope redact}: JSONL journals or log text to standard output, secrets removed. */
@Command(name = "redact",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Redacts JSONL journals or log text to standard output: tokens, passwords, signatures,",
            "nonces, keys, bearer and cookie headers, URL credentials and query strings, long",
            "token-like strings, e-mail addresses and home directories. Device, connection and",
            "request ids become pseudonyms such as device#3f2a9c, stable within one run.",
            "",
            "A line starting with '{' is JSON; one that does not parse is replaced whole by",
            "{\"type\":\"redacted_line\",\"reason\":\"unparseable\"}. Other lines are text."
        },
        footerHeading = "%nFiles:%n",
        footer = {
            "  Files are redacted in the order given; '-' or no file reads standard input.",
            "  A file that cannot be read is reported and skipped; the others are still",
            "  redacted, and the exit code is 1."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every input redacted",
            "1:a file could not be read, or the output could not be written",
            "2:usage error"
        })
final class RedactCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to redact; '-' is standard input.")
    List<String> files = List.of();

    @Option(names = "--ips", description = "Also replace IP addresses (other than loopback) by <ip>.")
    boolean ips;

    @Option(names = "--hosts", description = "Also replace host names (other than localhost) by <host>.")
    boolean hosts;

    @Spec
    CommandSpec spec;

    private final InputStream in;

    RedactCommand() {
        this(System.in);
    }

    RedactCommand(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // One key per run: pseudonyms agree across the files of this run and nowhere else.
        Redactor redactor = Redactor.withRandomKey(RedactionRules.defaults().withIps(ips).withHostNames(hosts));
        List<String> inputs = files.isEmpty() ? List.of("-") : files;
        int code = 0;
        for (String name : inputs) {
            try {
                if (name.equals("-")) {
                    redactor.redact(Redactor.utf8Reader(in), out);
                } else {
                    try (BufferedReader reader = Redactor.utf8Reader(Files.newInputStream(Path.of(name)))) {
                        redactor.redact(reader, out);
                    }
                }
            } catch (NoSuchFileException e) {
                err.println("error: no such file: " + name);
                code = 1;
            } catch (IOException | InvalidPathException e) {
                err.println("error: cannot read " + name + ": " + e.getMessage());
                code = 1;
            }
        }
        out.flush();
        if (out.checkError()) {
            err.println("error: cannot write the output");
            return 1;
        }
        return code;
    }
}
