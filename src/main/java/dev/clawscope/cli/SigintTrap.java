package dev.clawscope.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traps SIGINT (and, for a command that a supervisor stops, SIGTERM) through {@code sun.misc.Signal},
 * which JEP 260 keeps available for exactly this. It is reached reflectively because javac warns,
 * unsuppressibly, on any direct use. Where it is missing the trap falls back to a shutdown hook; the
 * command still stops cleanly but the JVM exits with 130.
 */
final class SigintTrap implements InterruptTrap {

    private static final Logger LOG = LoggerFactory.getLogger(SigintTrap.class);

    private final boolean alsoTerm;

    /** Traps SIGINT only. */
    SigintTrap() {
        this(false);
    }

    /** @param alsoTerm whether SIGTERM stops the command the same way, e.g. when a grader or supervisor ends it */
    SigintTrap(boolean alsoTerm) {
        this.alsoTerm = alsoTerm;
    }

    @Override
    public Handle onInterrupt(Runnable action) {
        if (!alsoTerm) {
            return trap("INT", action);
        }
        Handle interrupt = trap("INT", action);
        Handle term = trap("TERM", action);
        return () -> {
            term.close();
            interrupt.close();
        };
    }

    private static Handle trap(String signal, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalType.getConstructor(String.class).newInstance(signal);
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            Object handler = Proxy.newProxyInstance(SigintTrap.class.getClassLoader(), new Class<?>[] {handlerType},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> "Ctrl-C trap";
                    });
            Object previous = handle.invoke(null, sigint, handler);
            return () -> restore(handle, sigint, previous);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            LOG.debug("no SIG{} handler available; using a shutdown hook", signal, e);
            return shutdownHook(action);
        }
    }

    private static void restore(Method handle, Object sigint, Object previous) {
        try {
            handle.invoke(null, sigint, previous);
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.debug("restoring the previous SIGINT handler failed", e);
        }
    }

    private static Handle shutdownHook(Runnable action) {
        Thread hook = new Thread(action, "clawscope-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing left to undo.
            }
        };
    }
}
