package dev.clawscope.cli;

import dev.clawscope.chaos.Fault;
import dev.clawscope.chaos.FaultEvent;
import dev.clawscope.chaos.FaultParseResult;
import dev.clawscope.chaos.FaultProxy;
import dev.clawscope.journal.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clawscope proxy}: a fault-injecting loopback proxy driven by commands typed on standard input. */
@Command(name = "proxy",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Forwards TCP from a loopback address to a gateway and injects faults into live and "
                + "new connections. Type one fault per line on standard input; end of input (Ctrl-D) or "
                + "Ctrl-C stops the proxy.",
        footerHeading = "%nFaults:%n",
        footer = {
            "  pass                     forward normally",
            "  blackhole [DURATION]     keep connections open but forward nothing; what",
            "                           arrives is held and delivered in order on heal",
            "  reset                    reset every current connection, both sides; the",
            "                           mode stays as it was",
            "  delay MS [DURATION]      add MS milliseconds of latency each way; a bare",
            "                           number is milliseconds, units work too: delay 2s",
            "  delay MIN-MAX [DURATION] jitter: each chunk waits its own random MIN to MAX",
            "                           ms (delay 0-2000), never overtaking the one before",
            "  throttle BYTES_PER_S [DURATION]",
            "                           limit each direction of each connection",
            "  refuse [DURATION]        reset new connections at once; existing ones keep",
            "                           working",
            "  heal                     back to pass, releasing held bytes",
            "",
            "DURATION: 500ms, 30s, 2m or 1h; a bare number is seconds (blackhole 30 = 30s).",
            "With a DURATION the fault heals by itself when it runs out; a new fault",
            "cancels that. At most 16 MiB is held per direction of a connection; beyond",
            "that the proxy stops reading and TCP flow control slows the sender.",
            "",
            "Example: clawscope proxy --listen 127.0.0.1:18790 --target 127.0.0.1:18789"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by end of input or Ctrl-C",
            "1:cannot listen (e.g. the port is in use)",
            "2:usage error (bad option or address)"
        })
final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            converter = HostPortConverter.class,
            description = "Loopback address to listen on; port 0 picks a free port (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--target", paramLabel = "HOST:PORT", required = true, converter = HostPortConverter.class,
            description = "The gateway to forward to, e.g. 127.0.0.1:18789.")
    InetSocketAddress target;

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final InterruptTrap interrupts;

    ProxyCommand() {
        this(System.in, new SigintTrap());
    }

    ProxyCommand(InputStream in, InterruptTrap interrupts) {
        this.in = Objects.requireNonNull(in, "in");
        this.interrupts = Objects.requireNonNull(interrupts, "interrupts");
    }

    @Override
    @SuppressWarnings("try") // the subscription and the trap matter only for their lifetime
    public Integer call() throws InterruptedException {
        if (!listen.getAddress().isLoopbackAddress()) {
            throw new ParameterException(spec.commandLine(), "--listen must be a loopback address such as 127.0.0.1, not "
                    + HostPortConverter.format(listen));
        }
        if (target.getPort() == 0) {
            throw new ParameterException(spec.commandLine(), "--target needs a port from 1 to 65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FaultProxy proxy;
        try {
            proxy = FaultProxy.start(listen, target);
        } catch (IOException e) {
            err.println("error: cannot listen on " + HostPortConverter.format(listen) + ": " + e.getMessage());
            return 1;
        }
        try (proxy;
                Subscription expiries = proxy.addListener(event -> printExpiry(event, out));
                LineFeed lines = LineFeed.start(in, "clawscope-proxy-stdin");
                InterruptTrap.Handle ctrlC = interrupts.onInterrupt(lines::stop)) {
            out.println("proxy listening on " + HostPortConverter.format(proxy.listenAddress())
                    + " -> " + HostPortConverter.format(target));
            out.println("faults: " + Fault.syntax());
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!apply(proxy, line.strip(), out, err)) {
                    return 1;
                }
            }
        }
        out.println("proxy stopped");
        return 0;
    }

    /** Applies one typed line; false only when the proxy itself has failed. */
    private static boolean apply(FaultProxy proxy, String line, PrintWriter out, PrintWriter err) {
        if (line.isEmpty() || line.startsWith("#")) {
            return true;
        }
        FaultParseResult result = Fault.parse(line);
        if (result instanceof FaultParseResult.Rejected rejected) {
            err.println("error: " + rejected.message());
            return true;
        }
        Fault fault = ((FaultParseResult.Parsed) result).fault();
        try {
            proxy.apply(fault);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return false;
        }
        out.println("fault applied: " + fault.describe());
        return true;
    }

    private static void printExpiry(FaultEvent event, PrintWriter out) {
        if (event.cause() == FaultEvent.Cause.EXPIRED) {
            out.println(event.describe());
        }
    }
}
