package dev.clawscope.grade;

import dev.clawscope.chaos.Fault;
import dev.clawscope.journal.Journal;
import dev.clawscope.journal.Redactor;
import dev.clawscope.observe.PeerFault;
import dev.clawscope.proof.BundleInfo;
import dev.clawscope.proof.ProofBundleWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the chosen checks against a client command and returns the report. Every check has its own
 * simulator, observer and client processes, so checks cannot disturb one another's measurements;
 * they run side by side, at most {@link Settings#parallel()} at once, the longest first, which
 * keeps the whole suite for one client within a few minutes. Only their clients' start-ups take
 * turns: processes that start at once slow each other down, and a check times the handshake from
 * the start. {@code no_invented_methods} is decided
 * last, from the requests of every other check (alone, it watches a run of its own).
 */
public final class Grader {

    /** The bound of each check's {@code client.log}. */
    public static final long MAX_LOG_BYTES = 1L << 20;
    /** Checks side by side by default: a 2-core machine keeps every timing honest at this load. */
    public static final int DEFAULT_PARALLEL = 4;
    public static final int DEFAULT_INSTANCES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(Grader.class);
    /** Longest first, so that the short checks fill in behind them. */
    private static final List<CheckId> LONGEST_FIRST = List.of(CheckId.BACKS_OFF, CheckId.PAUSES_ON_AUTH_ERROR,
            CheckId.DETECTS_HALF_OPEN, CheckId.DETECTS_BLACKHOLE, CheckId.RECOVERS_FROM_UPGRADE_STALL,
            CheckId.JITTERED_RECONNECTS, CheckId.HONORS_RETRY_AFTER, CheckId.HONORS_RESTART_EXPECTED,
            CheckId.RECOVERS_AFTER_CRASH, CheckId.HANDSHAKE, CheckId.CLOSES_CLEANLY, CheckId.NO_INVENTED_METHODS);

    /**
     * One grading run.
     *
     * @param command    the client command
     * @param checks     which checks, any order (reported in the order of {@link CheckId})
     * @param instances  copies for {@code jittered_reconnects}
     * @param thresholds overrides of default thresholds
     * @param out        the folder for the report, the bundles and the client logs
     * @param writer     writes the proof bundles
     * @param version    Clawscope's version, for the report
     * @param parallel   checks run at once
     */
    public record Settings(ClientCommand command, List<CheckId> checks, int instances, Map<CheckId, Threshold> thresholds,
            Path out, ProofBundleWriter writer, String version, int parallel) {
        public Settings {
            Objects.requireNonNull(command, "command");
            checks = checks.stream().distinct().sorted().toList();
            if (checks.isEmpty()) {
                throw new IllegalArgumentException("no check chosen");
            }
            if (instances < 2) {
                throw new IllegalArgumentException("jittered_reconnects needs at least 2 instances");
            }
            thresholds = Map.copyOf(thresholds);
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(version, "version");
            if (parallel < 1) {
                throw new IllegalArgumentException("parallel must be at least 1");
            }
        }

        Threshold threshold(CheckId id) {
            return thresholds.getOrDefault(id, id.defaultThreshold());
        }
    }

    /** Told as checks start and finish, from the threads that run them. */
    public interface Progress {
        void started(CheckId id);

        void finished(CheckResult result, Duration took);

        /** Something about the check's output people should know, e.g. a bundle that could not be made. */
        default void note(CheckId id, String text) {
        }
    }

    private final Settings settings;

    public Grader(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Runs every chosen check and writes each one's bundle and log; the caller writes the report. */
    public GradeReport run(Progress progress) throws IOException, InterruptedException {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        Files.createDirectories(settings.out());
        Redactor redactor = Redactor.withRandomKey(dev.clawscope.journal.RedactionRules.defaults());
        GradeContext context = new GradeContext(settings.command(), settings.out(), redactor, settings.writer(),
                MAX_LOG_BYTES, new Semaphore(1, true));
        MethodLedger ledger = new MethodLedger();
        List<CheckId> order = LONGEST_FIRST.stream().filter(settings.checks()::contains)
                .filter(id -> id != CheckId.NO_INVENTED_METHODS || settings.checks().size() == 1).toList();
        Map<CheckId, CheckResult> results = new EnumMap<>(CheckId.class);
        AtomicInteger connectedChecks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallel(), Math.max(1, order.size())),
                r -> {
                    Thread t = new Thread(r, "grade-check");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (CheckId id : order) {
                futures.add(pool.submit(() -> {
                    CheckResult result = runOne(id, context, ledger, progress);
                    if (result.connected()) {
                        connectedChecks.incrementAndGet();
                    }
                    return result;
                }));
            }
            for (Future<CheckResult> future : futures) {
                try {
                    CheckResult result = future.get();
                    results.put(result.id(), result);
                } catch (ExecutionException e) {
                    throw new IOException("a check failed to run: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (settings.checks().contains(CheckId.NO_INVENTED_METHODS)) {
            CheckResult methods = results.containsKey(CheckId.NO_INVENTED_METHODS)
                    ? results.get(CheckId.NO_INVENTED_METHODS)
                    : methodsVerdict(context, ledger, connectedChecks.get() > 0, progress);
            results.put(CheckId.NO_INVENTED_METHODS, methods);
        }
        List<CheckResult> ordered = settings.checks().stream().map(results::get).toList();
        return new GradeReport(redactor.redactText(settings.command().template()), settings.version(), started,
                Duration.ofNanos(System.nanoTime() - startNanos), ordered, settings.instances());
    }

    private CheckResult runOne(CheckId id, GradeContext context, MethodLedger ledger, Progress progress)
            throws IOException, InterruptedException {
        progress.started(id);
        long t0 = System.nanoTime();
        Threshold threshold = settings.threshold(id);
        CheckResult result;
        try (Arena arena = Arena.open(id, context)) {
            CheckRun run = new CheckRun(id, threshold, arena);
            try {
                result = dispatch(run);
            } catch (IOException e) {
                result = run.fail("n/a", "the client could not be started: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("check {} could not run", id, e);
                result = run.skip("the grader could not run this check: " + e);
            }
            arena.finish(bundleSettings(id, threshold)).ifPresent(problem -> progress.note(id, problem));
            ledger.add(id, arena.recorder());
            if (id == CheckId.NO_INVENTED_METHODS) {
                result = ledger.evaluate(threshold, arena.connected());
            }
        }
        progress.finished(result, Duration.ofNanos(System.nanoTime() - t0));
        return result;
    }

    private CheckResult dispatch(CheckRun run) throws IOException, InterruptedException {
        return switch (run.id) {
            case HANDSHAKE -> ConnectionChecks.handshake(run);
            case NO_INVENTED_METHODS -> {
                ConnectionChecks.watchRequests(run);
                yield run.skip("decided from the requests");
            }
            case DETECTS_HALF_OPEN -> ConnectionChecks.detectsDeadGateway(run, new PeerFault.Freeze(Optional.empty()),
                    "frozen");
            case DETECTS_BLACKHOLE -> ConnectionChecks.detectsDeadGateway(run,
                    new PeerFault.Bytes(new Fault.Blackhole(Optional.empty())), "blackholed");
            case HONORS_RESTART_EXPECTED -> ReconnectChecks.honorsRestartExpected(run);
            case HONORS_RETRY_AFTER -> ReconnectChecks.honorsRetryAfter(run);
            case PAUSES_ON_AUTH_ERROR -> ReconnectChecks.pausesOnAuthError(run);
            case BACKS_OFF -> ReconnectChecks.backsOff(run);
            case JITTERED_RECONNECTS -> ReconnectChecks.jitteredReconnects(run, settings.instances());
            case RECOVERS_FROM_UPGRADE_STALL -> ReconnectChecks.recoversFromUpgradeStall(run);
            case RECOVERS_AFTER_CRASH -> ReconnectChecks.recoversAfterCrash(run);
            case CLOSES_CLEANLY -> ConnectionChecks.closesCleanly(run);
        };
    }

    /** {@code no_invented_methods} after the other checks: its verdict and a bundle of every request. */
    private CheckResult methodsVerdict(GradeContext context, MethodLedger ledger, boolean connected, Progress progress)
            throws IOException {
        progress.started(CheckId.NO_INVENTED_METHODS);
        Threshold threshold = settings.threshold(CheckId.NO_INVENTED_METHODS);
        CheckResult result = ledger.evaluate(threshold, connected);
        Map<String, String> bundle = bundleSettings(CheckId.NO_INVENTED_METHODS, threshold);
        bundle.put("connections", "numbered on across the checks: " + ledger.connectionRanges());
        try (Journal journal = new Journal()) {
            ledger.writeEvidence(journal);
            Journal.Kept kept = journal.kept();
            Bundles.export(context, context.out().resolve(CheckId.NO_INVENTED_METHODS.id()), kept.entries(),
                    new BundleInfo("grade " + CheckId.NO_INVENTED_METHODS.id(), "simulator (one per check)", bundle,
                            List.of())).ifPresent(problem -> progress.note(CheckId.NO_INVENTED_METHODS, problem));
        }
        progress.finished(result, Duration.ZERO);
        return result;
    }

    private Map<String, String> bundleSettings(CheckId id, Threshold threshold) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("check", id.id());
        values.put("what the grader does", id.does());
        values.put("pass when", id.passWhen(threshold));
        values.put("client command", settings.command().template());
        if (id == CheckId.JITTERED_RECONNECTS) {
            values.put("instances", Integer.toString(settings.instances()));
        }
        values.put("gateway", "embedded simulator advertising the methods of the gateway " + GatewayMethods.VERSION);
        return values;
    }
}
