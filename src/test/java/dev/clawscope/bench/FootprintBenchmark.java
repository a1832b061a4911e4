package dev.clawscope.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.clawscope.settings.AppDirectories;
import dev.clawscope.settings.Autostart;
import dev.clawscope.sim.SimConfig;
import dev.clawscope.sim.SimGateway;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the app costs while it idles and how long it takes to start, with the launchers people use
 * and the JVM options each of them really gives it (nothing is added here: whatever the launcher
 * puts on the JVM's command line, in the app image's {@code clawscope.cfg} or in the pom's
 * {@code javafx:run} configuration is what runs, and what the report names):
 *
 * <ul>
 *   <li>the CLI {@code probe} through the jar, {@code java -jar target/clawscope.jar probe …};</li>
 *   <li>the window through {@code java -jar target/clawscope.jar}, {@code ./mvnw -o -q javafx:run}
 *       (the JVM Maven forks is measured, found among Maven's children by {@code dev.clawscope.Main}
 *       on its command line) and the jpackage app-image launcher
 *       {@code target/jpackage/clawscope/bin/clawscope} when {@code -Ppackage} has built it;</li>
 *   <li>the tray alone, window hidden, through the Linux autostart entry, written by
 *       {@link Autostart#plan} and {@link Autostart#enable} into the child's home for the app
 *       image's launcher (what the packaged app writes: its {@code jpackage.app-path}) and for the
 *       launch the jar itself names ({@link Autostart#currentLaunch()} asked through
 *       {@link AutostartLaunch} in a JVM that loads it from the jar); its {@code Exec} line is read back as a session would
 *       ({@link DesktopEntryExec}) and must give the plan's command, which ends in {@code --tray}.</li>
 * </ul>
 *
 * Every child gets a temporary home and the environment {@link ChildProcesses#childEnvironment}
 * builds ({@code CLAWSCOPE_HOME} keeps settings, logs and the single-instance lock apart), and the
 * rest through the environment only: {@code OPENCLAW_CONFIG_PATH}, {@code DISPLAY},
 * {@code NO_AT_BRIDGE=1}; for the Maven wrapper also {@code MAVEN_USER_HOME} (where it keeps its
 * Maven) and {@code JAVA_HOME} when set. Windows draw on one Xvfb display, tray children on a
 * second one where {@code trayer} is the tray host.
 *
 * <p><b>Idle.</b> All children at once, each linked to its own {@link SimGateway} (ticks every
 * 30 s) in this JVM through a temporary {@code openclaw.json}, the CLI through
 * {@code --token-env}. They are started one after another, each once connected (and its window
 * shown or its tray icon installed, by its log) before the next. After a warm-up, utime + stime
 * of each app JVM from {@code /proc/<pid>/stat} at the start and end of the window and VmRSS every
 * 10 s, as {@link CostBenchmark} measured it before; then the JVM's own account of its options
 * ({@code jcmd <pid> VM.command_line}) and the Prism library it mapped.
 *
 * <p><b>Start-up.</b> Per desktop launcher, one uncounted launch and then {@link Options#launches()},
 * one after another, each a fresh process with a fresh empty home and no OpenClaw config (its
 * {@code OPENCLAW_CONFIG_PATH} names a file that does not exist), so the app starts its embedded demo
 * gateway. Launch is this JVM's wall clock just before {@link ProcessBuilder#start()}; each mark
 * is the timestamp of the app's {@link StartupLog} line in its log file, read every
 * {@value #POLL_MS} ms. Once all marks are in (or after a timeout, a failure reported with the
 * log's tail) the child gets SIGTERM and is waited for before the next launch.
 *
 * <p>Linux only. Needs {@code target/clawscope.jar} (the {@code bench} profile runs after
 * {@code package}); Xvfb for the window, trayer for the tray, jcmd for the options.
 */
public final class FootprintBenchmark {

    static final String ID = "footprint";
    static final String TITLE = "Footprint and start-up";
    static final String MAIN_CLASS = "dev.clawscope.Main";
    private static final String TOKEN_VARIABLE = "CLAWSCOPE_BENCH_TOKEN";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(90);
    /** Maven's own start-up and its process-classes phase come before the app's. */
    private static final Duration MAVEN_EXTRA = Duration.ofSeconds(60);
    private static final Duration RSS_PERIOD = Duration.ofSeconds(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    static final long POLL_MS = 20;
    static final Path JAR = Path.of("target", "clawscope.jar");
    static final Path APP_IMAGE = Path.of("target", "jpackage", "clawscope", "bin", "clawscope");
    static final Path APP_IMAGE_CFG = Path.of("target", "jpackage", "clawscope", "lib", "app", "clawscope.cfg");
    static final String NOT_BUILT = "not built: run with -Ppackage";

    /** The goals of issue 21. */
    static final double CPU_WINDOW = 1.0;
    static final double CPU_TRAY = 0.3;
    static final double CPU_CLI = 0.3;
    static final double RSS_WINDOW_MB = 200;
    static final double RSS_TRAY_MB = 150;
    static final double RSS_CLI_MB = 80;
    static final long FIRST_SIGHT_MS = 1_500;
    static final long CONNECTED_MS = 2_500;

    private FootprintBenchmark() {
    }

    /**
     * How much to run.
     *
     * @param idleSeconds the measured idle window
     * @param warmupSeconds idle time after every child connected and before the window, not measured
     * @param launches counted start-up launches per launcher
     * @param warmupLaunches uncounted launches before them
     * @param launchTimeout how long one launch may take to reach all its marks
     */
    record Options(int idleSeconds, int warmupSeconds, int launches, int warmupLaunches, Duration launchTimeout) {
        Options {
            if (idleSeconds < 1 || warmupSeconds < 0 || launches < 1 || warmupLaunches < 0
                    || launchTimeout.isNegative() || launchTimeout.isZero()) {
                throw new IllegalArgumentException("invalid options: " + this);
            }
        }

        /** 5 min idle after a 2 min warm-up (as the cost section measured it); 10 launches after 1. */
        static Options defaults() {
            return new Options(300, 120, 10, 1, Duration.ofSeconds(90));
        }

        /** A smoke run: 20 s idle after 10 s; 3 launches after 1. */
        static Options quick() {
            return new Options(20, 10, 3, 1, Duration.ofSeconds(90));
        }
    }

    /** What a launcher shows. */
    enum Kind {
        CLI, WINDOW, TRAY
    }

    /**
     * One way people start Clawscope.
     *
     * @param key the key in the JSON
     * @param label the row's name
     * @param launch the command; for an autostart entry the launch the entry is planned for (without {@code --tray})
     * @param autostart whether the command is read from the autostart entry written for {@code launch}
     * @param maven whether the command is Maven, which forks the app's JVM
     * @param unavailable why it cannot run here, or null
     */
    record Launcher(String key, String label, Kind kind, List<String> launch, boolean autostart, boolean maven,
            String unavailable) {

        Launcher {
            launch = List.copyOf(launch);
        }

        boolean available() {
            return unavailable == null;
        }

        Launcher unavailable(String why) {
            return available() ? new Launcher(key, label, kind, launch, autostart, maven, why) : this;
        }

        /** The marks a start-up waits for. */
        List<String> marks() {
            return kind == Kind.TRAY ? List.of(StartupLog.TRAY_ICON, StartupLog.CONNECTED)
                    : List.of(StartupLog.WINDOW_SHOWN, StartupLog.INSPECTOR_SHOWN, StartupLog.CONNECTED);
        }

        /** The mark that says the app can be seen: its window, or for the tray its icon. */
        String firstSight() {
            return kind == Kind.TRAY ? StartupLog.TRAY_ICON : StartupLog.WINDOW_SHOWN;
        }
    }

    public static void main(String[] args) {
        Bench.runAlone("FootprintBenchmark", "footprint", args, quick -> run(quick ? Options.quick() : Options.defaults()));
    }

    /**
     * The launchers, in the order they run, with why one cannot run here.
     *
     * @param jarAutostart what the jar writes into its autostart entry, or empty with why not
     */
    static List<Launcher> launchers(Path project, Path java, Result<List<String>> jarAutostart) {
        Path jar = project.resolve(JAR);
        Path image = project.resolve(APP_IMAGE);
        Path mvnw = project.resolve("mvnw");
        String noJar = Files.isRegularFile(jar) ? null : "not built: " + JAR + " is missing (run ./mvnw package)";
        String noImage = Files.isExecutable(image) ? null : NOT_BUILT;
        List<String> javaJar = List.of(java.toString(), "-jar", jar.toString());
        List<Launcher> list = new ArrayList<>();
        list.add(new Launcher("cli_probe", "CLI probe (headless link)", Kind.CLI, javaJar, false, false, noJar));
        list.add(new Launcher("window_jar", "window, `java -jar`", Kind.WINDOW, javaJar, false, false, noJar));
        list.add(new Launcher("window_javafx_run", "window, `./mvnw javafx:run`", Kind.WINDOW,
                List.of(mvnw.toString(), "-o", "-q", "javafx:run"), false, true,
                Files.isExecutable(mvnw) ? null : "no mvnw in " + project));
        list.add(new Launcher("window_app_image", "window, app-image launcher", Kind.WINDOW, List.of(image.toString()),
                false, false, noImage));
        list.add(new Launcher("tray_autostart_app_image", "tray only, autostart entry of the app image", Kind.TRAY,
                List.of(image.toString()), true, false, noImage));
        list.add(new Launcher("tray_autostart_jar", "tray only, autostart entry of the jar", Kind.TRAY,
                jarAutostart.value() == null ? List.of() : jarAutostart.value(), true, false,
                noJar != null ? noJar : jarAutostart.error()));
        return list;
    }

    /** Runs the idle step and then the start-ups; the displays and the tray host serve both. */
    static Section run(Options o) throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            throw new IllegalStateException("the footprint section reads /proc and runs on Linux only");
        }
        Path project = Path.of("").toAbsolutePath();
        Path java = Optional.ofNullable(ChildProcesses.onPath("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        Result<List<String>> jarAutostart = jarAutostartLaunch(java, project.resolve(JAR));
        List<Launcher> launchers = new ArrayList<>(launchers(project, java, jarAutostart));
        JsonObject json = new JsonObject();
        JsonObject options = new JsonObject();
        options.addProperty("idle_seconds", o.idleSeconds());
        options.addProperty("warmup_seconds", o.warmupSeconds());
        options.addProperty("launches", o.launches());
        options.addProperty("warmup_launches", o.warmupLaunches());
        options.addProperty("launch_timeout_s", o.launchTimeout().toSeconds());
        json.add("options", options);
        Path root = Files.createTempDirectory("clawscope-footprint");
        Context ctx = new Context(project, root);
        Runtime.getRuntime().addShutdownHook(ctx.cleanup);
        try {
            Path xvfb = ChildProcesses.onPath("Xvfb");
            Path trayer = ChildProcesses.onPath("trayer");
            if (xvfb == null) {
                replace(launchers, l -> l.kind() != Kind.CLI, "not measured: no Xvfb on PATH");
            } else {
                ctx.windows = ChildProcesses.startXvfb(xvfb, root.resolve("xvfb-windows.log"), 90);
                progress("windows on Xvfb " + ctx.windows.name());
                if (trayer == null) {
                    replace(launchers, l -> l.kind() == Kind.TRAY, "not measured: no trayer on PATH (the tray host)");
                } else {
                    ctx.trays = ChildProcesses.startXvfb(xvfb, root.resolve("xvfb-trays.log"), ctx.windows.number() + 1);
                    ctx.trayer = startTrayer(trayer, ctx.trays, root);
                    progress("tray children on Xvfb " + ctx.trays.name() + " with trayer as the tray host");
                }
            }
            json.add("environment", environment(ctx, java));
            JsonObject launcherJson = new JsonObject();
            for (Launcher l : launchers) {
                JsonObject one = new JsonObject();
                one.addProperty("label", l.label());
                one.addProperty("kind", l.kind().name().toLowerCase(Locale.ROOT));
                one.add("launch", strings(l.launch()));
                one.addProperty("autostart_entry", l.autostart());
                if (!l.available()) {
                    one.addProperty("unavailable", l.unavailable());
                }
                launcherJson.add(l.key(), one);
            }
            json.add("launchers", launcherJson);
            long available = launchers.stream().filter(Launcher::available).count();
            progress("step 1/2: idle, " + available + " children at once: each started and connected in turn, then "
                    + o.warmupSeconds() + " s warm-up and the " + o.idleSeconds() + " s window");
            json.add("idle", idle(o, launchers, ctx));
            int desktop = (int) launchers.stream().filter(l -> l.available() && l.kind() != Kind.CLI).count();
            progress("step 2/2: start-up, " + desktop + " launchers x (" + o.warmupLaunches() + " + " + o.launches()
                    + ") launches, one at a time");
            json.add("startup", startup(o, launchers, ctx));
        } finally {
            ctx.stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(ctx.cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            ChildProcesses.deleteRecursively(root);
        }
        progress("done");
        return new Section(ID, TITLE, markdown(json), json);
    }

    /** A value, or why there is none. */
    record Result<T>(T value, String error) {
    }

    /**
     * What the jar writes into its autostart entry: {@link AutostartLaunch} run by {@code java}
     * with the jar first on the class path, so {@code Autostart} is the jar's and its answer is
     * the jar's own (the JVM that runs it, the options it adds, {@code -jar} and the jar).
     */
    static Result<List<String>> jarAutostartLaunch(Path java, Path jar) {
        if (!Files.isRegularFile(jar)) {
            return new Result<>(null, "not built: " + JAR + " is missing (run ./mvnw package)");
        }
        try {
            Path classes = Path.of(AutostartLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process p = new ProcessBuilder(java.toString(), "-cp", jar + File.pathSeparator + classes,
                    AutostartLaunch.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return new Result<>(null, "not measured: the jar did not say its autostart launch (" + out.strip() + ")");
            }
            List<String> launch = out.lines().filter(line -> !line.isEmpty()).toList();
            if (launch.isEmpty() || !launch.contains(jar.toString())) {
                return new Result<>(null, "not measured: the jar's autostart launch " + launch + " does not name " + jar);
            }
            return new Result<>(launch, null);
        } catch (IOException | java.net.URISyntaxException e) {
            return new Result<>(null, "not measured: cannot ask the jar for its autostart launch: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result<>(null, "not measured: interrupted");
        }
    }

    private static void replace(List<Launcher> launchers, java.util.function.Predicate<Launcher> which, String why) {
        launchers.replaceAll(l -> which.test(l) ? l.unavailable(why) : l);
    }

    /** The run's folders, displays and every process it started, for the cleanup. */
    private static final class Context {
        final Path project;
        final Path root;
        final long clockTicks = ChildProcesses.clockTicksPerSecond();
        ChildProcesses.Display windows;
        ChildProcesses.Display trays;
        Process trayer;
        final List<Process> started = Collections.synchronizedList(new ArrayList<>());
        final Thread cleanup = new Thread(this::killAll, "footprint-cleanup");

        Context(Path project, Path root) {
            this.project = project;
            this.root = root;
        }

        ChildProcesses.Display display(Kind kind) {
            return kind == Kind.TRAY ? trays : windows;
        }

        void killAll() {
            synchronized (started) {
                for (Process p : started) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }

        void stopAll() {
            List<Process> copy;
            synchronized (started) {
                copy = new ArrayList<>(started);
            }
            for (Process p : copy) {
                p.descendants().forEach(ChildProcesses::stop);
                ChildProcesses.stop(p);
            }
            ChildProcesses.stop(trayer);
            if (trays != null) {
                ChildProcesses.stop(trays.xvfb());
            }
            if (windows != null) {
                ChildProcesses.stop(windows.xvfb());
            }
        }
    }

    // ---- starting and stopping a launcher -------------------------------------------------------------

    /** A launcher started: the process it started and, once found, the app's JVM in it. */
    private static final class Run {
        final Launcher launcher;
        final List<String> command;
        final Process process;
        final long launchEpochMs;
        final Path output;
        final Path log;
        ProcessHandle jvm;

        Run(Launcher launcher, List<String> command, Process process, long launchEpochMs, Path output, Path log) {
            this.launcher = launcher;
            this.command = command;
            this.process = process;
            this.launchEpochMs = launchEpochMs;
            this.output = output;
            this.log = log;
        }

        /** The app's JVM: what was started, or for Maven its child running {@value #MAIN_CLASS}. */
        Optional<ProcessHandle> jvm() {
            if (jvm == null) {
                jvm = launcher.maven() ? appJvm(process.toHandle()).orElse(null) : process.toHandle();
            }
            return Optional.ofNullable(jvm);
        }

        String tails() {
            return ChildProcesses.tail(output, 10) + ChildProcesses.tail(log, 10);
        }
    }

    /** Maven's descendant whose command line runs the app's main class. */
    static Optional<ProcessHandle> appJvm(ProcessHandle maven) {
        return maven.descendants().filter(p -> ChildProcesses.commandLine(p.pid()).contains(MAIN_CLASS)).findFirst();
    }

    /**
     * The environment of a desktop child: {@link ChildProcesses#childEnvironment}, the OpenClaw
     * config to read, the display; for Maven also where its wrapper keeps Maven and the JDK.
     */
    private static Map<String, String> desktopEnvironment(Path home, Path openclawConfig, ChildProcesses.Display display,
            Launcher l) throws IOException {
        Map<String, String> env = ChildProcesses.childEnvironment(home);
        env.put("OPENCLAW_CONFIG_PATH", openclawConfig.toString());
        env.put("DISPLAY", display.name());
        env.put("NO_AT_BRIDGE", "1"); // no accessibility bus in the temporary session
        if (l.maven()) {
            env.putAll(mavenEnvironment());
        }
        return env;
    }

    /** Where the Maven wrapper keeps its Maven ({@code MAVEN_USER_HOME}, else {@code ~/.m2}), and {@code JAVA_HOME} if set. */
    private static Map<String, String> mavenEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        String userHome = System.getenv("MAVEN_USER_HOME");
        if (userHome == null || userHome.isBlank()) {
            String home = Optional.ofNullable(System.getenv("HOME")).orElse(System.getProperty("user.home"));
            userHome = Path.of(home, ".m2").toString();
        }
        env.put("MAVEN_USER_HOME", userHome);
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            env.put("JAVA_HOME", javaHome);
        }
        return env;
    }

    /** The app's log file for this environment, by the app's own rule. */
    private static Path logFile(Map<String, String> env) {
        return AppDirectories.resolve("Linux", env, Path.of(System.getProperty("user.home")), null, null).logs()
                .resolve("clawscope.log");
    }

    /**
     * Writes the Linux autostart entry for {@code launch} into {@code home} as the app does, and
     * returns the command its {@code Exec} line runs; fails unless that is the plan's command.
     */
    static List<String> autostartCommand(Path home, List<String> launch) throws IOException {
        Autostart.Plan plan = Autostart.plan("Linux", home, launch);
        Autostart.enable(plan);
        String entry = Files.readString(plan.file(), StandardCharsets.UTF_8);
        String exec = DesktopEntryExec.execValue(entry)
                .orElseThrow(() -> new IllegalStateException("no Exec line in " + plan.file() + ":\n" + entry));
        List<String> command = DesktopEntryExec.parse(exec);
        if (!command.equals(plan.command())) {
            throw new IllegalStateException("the autostart entry's Exec=" + exec + " runs " + command + ", not "
                    + plan.command());
        }
        return command;
    }

    private static Run start(Launcher l, Path home, Map<String, String> env, List<String> arguments, Path output,
            Context ctx) throws IOException {
        List<String> command = new ArrayList<>(l.autostart() ? autostartCommand(home, l.launch()) : l.launch());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory((l.maven() ? ctx.project : home).toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long launch = System.currentTimeMillis();
        Process process = builder.start();
        ctx.started.add(process);
        return new Run(l, command, process, launch, output, logFile(env));
    }

    /**
     * SIGTERM to the app's JVM and a wait for it; then for what was launched (Maven ends by itself
     * once its child has). Null when everything ended on SIGTERM, else what had to be killed.
     */
    private static String stop(Run run, Context ctx) {
        List<String> killed = new ArrayList<>();
        Optional<ProcessHandle> jvm = run.jvm();
        if (jvm.isPresent() && !ChildProcesses.stop(jvm.get(), STOP_WAIT)) {
            killed.add("the app's JVM");
        }
        if (run.process.isAlive()) {
            boolean ended = false;
            if (run.launcher.maven() && jvm.isPresent()) {
                try {
                    ended = run.process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!ended && !ChildProcesses.stop(run.process.toHandle(), STOP_WAIT)) {
                killed.add("the launched process");
            }
        }
        run.process.descendants().forEach(ProcessHandle::destroyForcibly);
        ctx.started.remove(run.process);
        return killed.isEmpty() ? null : String.join(" and ", killed) + " did not end within "
                + STOP_WAIT.toSeconds() + " s of SIGTERM and was killed";
    }

    /**
     * Starts trayer on {@code display} as the tests do ({@code VirtualDisplay#startTrayHost}) and
     * waits until it has mapped its window (xdotool); started again at most twice when it quits at once.
     */
    private static Process startTrayer(Path trayer, ChildProcesses.Display display, Path root) throws Exception {
        Path xdotool = ChildProcesses.onPath("xdotool");
        String last = "";
        for (int tries = 0; tries < 3; tries++) {
            Path said = root.resolve("trayer-" + tries + ".log");
            ProcessBuilder builder = new ProcessBuilder(trayer.toString(), "--edge", "top", "--align", "right",
                    "--widthtype", "pixel", "--width", "120", "--height", "28", "--SetDockType", "true",
                    "--transparent", "false").redirectErrorStream(true).redirectOutput(said.toFile());
            builder.environment().put("DISPLAY", display.name());
            Process process = builder.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until && process.isAlive()) {
                if (xdotool == null || xdotoolFinds(xdotool, display, "trayer")) {
                    return process;
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            last = "trayer did not map a window on " + display.name()
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                    + ChildProcesses.tail(said, 5);
            if (process.isAlive()) {
                ChildProcesses.stop(process);
                break;
            }
        }
        throw new IllegalStateException(last);
    }

    private static boolean xdotoolFinds(Path xdotool, ChildProcesses.Display display, String windowClass)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(xdotool.toString(), "search", "--class", windowClass)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display.name());
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    // ---- 1. idle -----------------------------------------------------------------------------------------

    /** A measured child and its simulator; the sample fields are written by the sampling thread. */
    private static final class Child {
        final Launcher launcher;
        final SimGateway sim;
        Run run;
        String notMeasured;
        long ticksStart;
        long ticksEnd;
        long wallStartNanos;
        long wallEndNanos;
        long handshakesBefore;
        long handshakesAfter;
        int connectedBefore;
        int connectedAfter;
        final List<Double> rssMb = new ArrayList<>();
        String jvmOptions;
        String jvmOptionsSource;
        List<String> setAtRunTime;
        String heap;
        String pipeline;
        Double mavenRssMb;

        Child(Launcher launcher, SimGateway sim) {
            this.launcher = launcher;
            this.sim = sim;
        }

        long pid() {
            return run.jvm().orElseThrow().pid();
        }

        double cpuPercent(long clockTicks) {
            return 100.0 * (ticksEnd - ticksStart) / clockTicks / ((wallEndNanos - wallStartNanos) / 1e9);
        }

        boolean stayedConnected() {
            return handshakesAfter == handshakesBefore && connectedBefore == 1 && connectedAfter == 1
                    && run.jvm().map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static JsonObject idle(Options o, List<Launcher> launchers, Context ctx) throws Exception {
        long clockTicks = ctx.clockTicks;
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        List<Child> children = new ArrayList<>();
        List<SimGateway> sims = new ArrayList<>();
        JsonObject json = new JsonObject();
        try {
            for (Launcher l : launchers) {
                if (!l.available()) {
                    continue;
                }
                SimGateway sim = SimGateway.start(SimConfig.defaults(token));
                sims.add(sim);
                Child child = new Child(l, sim);
                children.add(child);
                try {
                    child.run = startIdle(child, o, token, ctx);
                    awaitReady(child);
                    progress("  " + l.label() + ": connected, pid " + child.pid());
                } catch (Exception e) {
                    child.notMeasured = "did not start: " + e.getMessage();
                    progress("  " + l.label() + ": NOT MEASURED, " + e.getMessage());
                    if (child.run != null) {
                        stop(child.run, ctx);
                    }
                }
            }
            List<Child> measured = children.stream().filter(c -> c.notMeasured == null).toList();
            if (measured.isEmpty()) {
                throw new IllegalStateException("no child started: " + children.stream()
                        .map(c -> c.launcher.key() + ": " + c.notMeasured).toList());
            }
            long windowStart = System.currentTimeMillis() + o.warmupSeconds() * 1000L;
            long windowEnd = windowStart + o.idleSeconds() * 1000L;
            Bench.waitUntil(windowStart);
            for (Child c : measured) {
                sample(c, () -> {
                    c.handshakesBefore = c.sim.handshakes();
                    c.connectedBefore = c.sim.connectedClients();
                    c.wallStartNanos = System.nanoTime();
                    c.ticksStart = ChildProcesses.cpuTicks(c.pid());
                });
            }
            progress("  window started; ends in " + o.idleSeconds() + " s");
            for (long at = windowStart; at <= windowEnd; at += RSS_PERIOD.toMillis()) {
                Bench.waitUntil(at);
                for (Child c : measured) {
                    sample(c, () -> c.rssMb.add(ChildProcesses.rssMegabytes(c.pid())));
                }
            }
            Bench.waitUntil(windowEnd);
            for (Child c : measured) {
                sample(c, () -> {
                    c.ticksEnd = ChildProcesses.cpuTicks(c.pid());
                    c.wallEndNanos = System.nanoTime();
                    c.handshakesAfter = c.sim.handshakes();
                    c.connectedAfter = c.sim.connectedClients();
                });
            }
            for (Child c : measured) {
                if (c.notMeasured != null) {
                    continue;
                }
                long pid = c.pid();
                describeJvm(c, pid, ctx);
                c.pipeline = pipeline(pid);
                if (c.launcher.maven()) {
                    try {
                        c.mavenRssMb = ChildProcesses.rssMegabytes(c.run.process.pid());
                    } catch (IOException e) {
                        c.mavenRssMb = null;
                    }
                }
            }
            json.addProperty("warmup_s", o.warmupSeconds());
            json.addProperty("window_s", o.idleSeconds());
            json.addProperty("clk_tck", clockTicks);
            json.addProperty("rss_period_s", RSS_PERIOD.toSeconds());
            json.addProperty("simulator", "SimGateway defaults: tick 30 s, server ws ping 25 s; one per child, in the "
                    + "benchmark JVM (not measured)");
            JsonObject perChild = new JsonObject();
            for (Launcher l : launchers) {
                Optional<Child> child = children.stream().filter(c -> c.launcher.key().equals(l.key())).findFirst();
                perChild.add(l.key(), child.map(c -> childJson(c, clockTicks, ctx))
                        .orElseGet(() -> notMeasured(l.label(), l.unavailable())));
            }
            json.add("children", perChild);
            return json;
        } finally {
            for (Child c : children) {
                if (c.run != null && c.run.process.isAlive()) {
                    stop(c.run, ctx);
                }
            }
            sims.forEach(SimGateway::close);
        }
    }

    private interface Sampling {
        void run() throws IOException;
    }

    /** Takes a sample of a child still measured; a child whose JVM is gone is not measured any more. */
    private static void sample(Child c, Sampling sampling) {
        if (c.notMeasured != null) {
            return;
        }
        try {
            sampling.run();
        } catch (IOException | RuntimeException e) {
            c.notMeasured = "its JVM was gone during the window (" + e.getMessage() + ")" + c.run.tails();
            progress("  " + c.launcher.label() + ": " + c.notMeasured);
        }
    }

    /** Starts an idle child against its simulator. */
    private static Run startIdle(Child child, Options o, String token, Context ctx) throws IOException {
        Launcher l = child.launcher;
        Path home = ctx.root.resolve("idle-" + l.key());
        Files.createDirectories(home);
        Path output = ctx.root.resolve("idle-" + l.key() + ".out");
        if (l.kind() == Kind.CLI) {
            Map<String, String> env = ChildProcesses.childEnvironment(home);
            env.put(TOKEN_VARIABLE, token);
            long seconds = o.warmupSeconds() + o.idleSeconds() + 15 * 60L;
            return start(l, home, env, List.of("probe", "--url", "ws://127.0.0.1:" + child.sim.port(), "--token-env",
                    TOKEN_VARIABLE, "--duration", seconds + "s", "--out", home.resolve("proof").toString()), output, ctx);
        }
        Path config = home.resolve("openclaw").resolve("openclaw.json");
        Files.createDirectories(config.getParent());
        JsonObject auth = new JsonObject();
        auth.addProperty("token", token);
        JsonObject gateway = new JsonObject();
        gateway.addProperty("port", child.sim.port());
        gateway.add("auth", auth);
        JsonObject root = new JsonObject();
        root.add("gateway", gateway);
        Files.writeString(config, root.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        return start(l, home, desktopEnvironment(home, config, ctx.display(l.kind()), l), List.of(), output, ctx);
    }

    /**
     * Waits until the child's simulator has a handshake and a connected client, its JVM is known,
     * and a window child has logged its window shown, a tray child its tray icon installed.
     */
    private static void awaitReady(Child child) throws Exception {
        Run run = child.run;
        Launcher l = child.launcher;
        String mark = l.kind() == Kind.CLI ? null : l.firstSight();
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.plus(l.maven() ? MAVEN_EXTRA : Duration.ZERO).toNanos();
        while (true) {
            boolean connected = child.sim.handshakes() >= 1 && child.sim.connectedClients() >= 1;
            boolean jvm = run.jvm().isPresent();
            boolean marked = mark == null || StartupLog.read(run.log).containsKey(mark);
            if (connected && jvm && marked) {
                return;
            }
            if (l.kind() == Kind.TRAY && logSays(run.log, "no system tray")) {
                throw new IllegalStateException("no tray icon: the app found no tray host" + run.tails());
            }
            if (!run.process.isAlive()) {
                throw new IllegalStateException("it exited with code " + run.process.exitValue() + run.tails());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready within the timeout (handshakes " + child.sim.handshakes()
                        + ", connected " + child.sim.connectedClients() + ", app JVM " + (jvm ? "found" : "not found")
                        + (mark == null ? "" : ", " + mark + (marked ? " logged" : " not logged")) + ")" + run.tails());
            }
            run.process.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean logSays(Path log, String words) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(words);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The JVM's options by its own account ({@code jcmd <pid> VM.command_line}, taken after the
     * window so it does not disturb it), else its command line.
     */
    private static void describeJvm(Child c, long pid, Context ctx) {
        Optional<String> flags = jcmd(pid, "VM.flags", "-all");
        if (flags.isPresent()) {
            c.setAtRunTime = JvmOptions.setAtRunTime(flags.get());
            c.heap = JvmOptions.heap(flags.get());
        }
        Optional<String> commandLine = jcmd(pid, "VM.command_line").filter(out -> out.contains("java_command:"));
        if (commandLine.isPresent()) {
            c.jvmOptions = JvmOptions.shorten(JvmOptions.jvmArgs(commandLine.get()), ctx.project);
            c.jvmOptionsSource = "jcmd VM.command_line";
            return;
        }
        List<String> line = ChildProcesses.commandLine(pid);
        int main = line.indexOf(MAIN_CLASS) >= 0 ? line.indexOf(MAIN_CLASS) : line.indexOf("-jar");
        c.jvmOptions = main <= 1 ? "" : JvmOptions.shorten(String.join(" ", line.subList(1, main)), ctx.project);
        c.jvmOptionsSource = "/proc/PID/cmdline";
    }

    /** What {@code jcmd <pid> <command>} prints, if it runs and succeeds. */
    static Optional<String> jcmd(long pid, String... command) {
        Path jcmd = Optional.ofNullable(ChildProcesses.onPath("jcmd"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Optional.of(out);
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // no answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * Which Prism pipeline the JVM loaded, by the libraries it mapped: es2 (OpenGL) or sw; and for
     * a window or tray, whether an OpenGL driver was mapped all the same (GTK's visual lookup).
     */
    static String pipeline(long pid) {
        try {
            String maps = Files.readString(Path.of("/proc", Long.toString(pid), "maps"), StandardCharsets.US_ASCII);
            return pipeline(maps);
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String pipeline(String maps) {
        boolean es2 = maps.contains("libprism_es2.so");
        boolean sw = maps.contains("libprism_sw.so");
        if (sw) {
            return "software (libprism_sw" + (es2 ? ", after es2 was tried" : "") + "), "
                    + (openGlDriverMapped(maps) ? "OpenGL driver mapped" : "no OpenGL driver mapped");
        }
        return es2 ? "OpenGL ES2 (libprism_es2)" : "no Prism library mapped";
    }

    /** Whether a Mesa or vendor OpenGL driver is among the mapped files (a DRI driver, LLVM, a GLX vendor library). */
    static boolean openGlDriverMapped(String maps) {
        return maps.contains("_dri.so") || maps.contains("libLLVM") || maps.contains("libGLX_");
    }

    private static JsonObject childJson(Child c, long clockTicks, Context ctx) {
        JsonObject one = new JsonObject();
        one.addProperty("label", c.launcher.label());
        if (c.run != null) {
            one.add("command", strings(display(c.run.command, ctx.project, ctx.root)));
        }
        if (c.notMeasured != null) {
            one.addProperty("not_measured", c.notMeasured);
            return one;
        }
        double cpu = c.cpuPercent(clockTicks);
        double[] rss = c.rssMb.stream().mapToDouble(Double::doubleValue).toArray();
        one.addProperty("pid", c.pid());
        one.addProperty("jvm_options", c.jvmOptions);
        one.addProperty("jvm_options_source", c.jvmOptionsSource);
        if (c.setAtRunTime != null) {
            one.add("jvm_flags_set_at_run_time", strings(c.setAtRunTime));
        }
        if (c.heap != null && !c.heap.isEmpty()) {
            one.addProperty("heap", c.heap);
        }
        one.addProperty("prism", c.pipeline);
        one.addProperty("cpu_ticks_start", c.ticksStart);
        one.addProperty("cpu_ticks_end", c.ticksEnd);
        one.addProperty("wall_s", (c.wallEndNanos - c.wallStartNanos) / 1e9);
        one.addProperty("cpu_percent_of_one_core", cpu);
        one.add("rss_mb_samples", Stats.json(rss));
        one.addProperty("rss_median_mb", Stats.median(rss));
        one.addProperty("rss_max_mb", Arrays.stream(rss).max().orElse(0));
        one.addProperty("handshakes_before", c.handshakesBefore);
        one.addProperty("handshakes_after", c.handshakesAfter);
        one.addProperty("connected_before", c.connectedBefore);
        one.addProperty("connected_after", c.connectedAfter);
        one.addProperty("stayed_connected", c.stayedConnected());
        if (c.mavenRssMb != null) {
            one.addProperty("maven_jvm_rss_mb", c.mavenRssMb);
        }
        return one;
    }

    private static JsonObject notMeasured(String label, String why) {
        JsonObject one = new JsonObject();
        one.addProperty("label", label);
        one.addProperty("not_measured", why);
        return one;
    }

    // ---- 2. start-up ---------------------------------------------------------------------------------------

    private static JsonObject startup(Options o, List<Launcher> launchers, Context ctx) throws Exception {
        JsonObject json = new JsonObject();
        json.addProperty("launches", o.launches());
        json.addProperty("warmup_launches", o.warmupLaunches());
        json.addProperty("poll_ms", POLL_MS);
        json.addProperty("timeout_s", o.launchTimeout().toSeconds());
        JsonObject per = new JsonObject();
        List<Double> ageBias = new ArrayList<>();
        for (Launcher l : launchers) {
            if (l.kind() == Kind.CLI) {
                continue;
            }
            if (!l.available()) {
                per.add(l.key(), notMeasured(l.label(), l.unavailable()));
                continue;
            }
            JsonObject one = new JsonObject();
            one.addProperty("label", l.label());
            one.add("marks", strings(l.marks()));
            JsonArray runs = new JsonArray();
            Map<String, List<Double>> byMark = new LinkedHashMap<>();
            l.marks().forEach(m -> byMark.put(m, new ArrayList<>()));
            List<Double> jvmStarted = new ArrayList<>();
            List<Double> jvmStartedProc = new ArrayList<>();
            int failures = 0;
            for (int i = 0; i < o.warmupLaunches() + o.launches(); i++) {
                boolean counted = i >= o.warmupLaunches();
                JsonObject r = launchOnce(l, i, o, ctx);
                r.addProperty("counted", counted);
                runs.add(r);
                if (r.has("failure")) {
                    failures += counted ? 1 : 0;
                    progress(String.format(Locale.ROOT, "  %s launch %d%s: FAILED %s", l.label(), i,
                            counted ? "" : " (warm-up)", r.get("failure").getAsString()));
                    continue;
                }
                JsonObject marks = r.getAsJsonObject("marks_ms");
                if (counted) {
                    l.marks().forEach(m -> byMark.get(m).add(marks.get(m).getAsDouble()));
                    if (r.has("jvm_started_ms")) {
                        jvmStarted.add(r.get("jvm_started_ms").getAsDouble());
                    }
                    if (r.has("jvm_started_proc_ms")) {
                        jvmStartedProc.add(r.get("jvm_started_proc_ms").getAsDouble());
                        if (r.has("jvm_started_ms")) {
                            ageBias.add(r.get("jvm_started_proc_ms").getAsDouble() - r.get("jvm_started_ms").getAsDouble());
                        }
                    }
                }
                StringBuilder line = new StringBuilder();
                l.marks().forEach(m -> line.append(", ").append(m).append(' ').append(marks.get(m).getAsLong()).append(" ms"));
                progress(String.format(Locale.ROOT, "  %s launch %d%s%s", l.label(), i, counted ? "" : " (warm-up)", line));
            }
            one.add("runs", runs);
            one.addProperty("failures", failures);
            one.addProperty("succeeded", o.launches() - failures);
            JsonObject stats = new JsonObject();
            for (Map.Entry<String, List<Double>> e : byMark.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    stats.add(e.getKey(), summary(e.getValue()));
                }
            }
            if (!jvmStarted.isEmpty()) {
                stats.add("jvm_started", summary(jvmStarted));
            }
            if (!jvmStartedProc.isEmpty()) {
                stats.add("jvm_started_proc", summary(jvmStartedProc));
            }
            one.add("ms", stats);
            per.add(l.key(), one);
        }
        json.add("launchers", per);
        if (!ageBias.isEmpty()) {
            // How much later the app's account of its JVM's start is than /proc's process start, over all launches.
            json.add("process_age_excess_ms", summary(ageBias));
        }
        return json;
    }

    private static JsonObject summary(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        JsonObject s = new JsonObject();
        s.addProperty("median", Stats.median(v));
        s.addProperty("min", v[0]);
        s.addProperty("max", v[v.length - 1]);
        s.addProperty("n", v.length);
        return s;
    }

    /** One launch with a fresh home and no OpenClaw config, until all marks are in; then SIGTERM. */
    private static JsonObject launchOnce(Launcher l, int index, Options o, Context ctx) throws Exception {
        Path home = Files.createTempDirectory(ctx.root, "launch-" + l.key() + "-" + index + "-");
        Path output = ctx.root.resolve("launch-" + l.key() + "-" + index + ".out");
        Path noConfig = home.resolve(".openclaw-absent").resolve("openclaw.json");
        Map<String, String> env = desktopEnvironment(home, noConfig, ctx.display(l.kind()), l);
        JsonObject r = new JsonObject();
        Run run = start(l, home, env, List.of(), output, ctx);
        r.addProperty("launch_epoch_ms", run.launchEpochMs);
        long deadline = System.nanoTime() + o.launchTimeout().toNanos();
        Map<String, StartupLog.Mark> marks;
        String failure = null;
        while (true) {
            marks = StartupLog.read(run.log);
            if (marks.keySet().containsAll(l.marks())) {
                break;
            }
            Map<String, StartupLog.Mark> now = marks;
            List<String> missing = l.marks().stream().filter(m -> !now.containsKey(m)).toList();
            if (!run.process.isAlive()) {
                failure = "exited with code " + run.process.exitValue() + " before " + missing + run.tails();
                break;
            }
            if (l.kind() == Kind.TRAY && logSays(run.log, "no system tray")) {
                failure = "no tray icon: the app found no tray host" + run.tails();
                break;
            }
            if (System.nanoTime() > deadline) {
                failure = "no " + missing + " within " + o.launchTimeout().toSeconds() + " s" + run.tails();
                break;
            }
            run.process.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
        }
        JsonObject ms = new JsonObject();
        for (StartupLog.Mark m : marks.values()) {
            ms.addProperty(m.what(), m.at().toEpochMilli() - run.launchEpochMs);
        }
        r.add("marks_ms", ms);
        marks.values().stream().map(StartupLog.Mark::processStart).flatMap(Optional::stream).findFirst()
                .ifPresent(started -> r.addProperty("jvm_started_ms", started.toEpochMilli() - run.launchEpochMs));
        r.addProperty("demo_gateway", logSays(run.log, "showing the demo gateway"));
        if (failure == null && !r.get("demo_gateway").getAsBoolean()) {
            failure = "the app did not say it showed the demo gateway" + run.tails();
        }
        if (index == 0) {
            r.add("command", strings(display(run.command, ctx.project, home)));
        }
        Optional<ProcessHandle> jvm = run.jvm();
        if (jvm.isPresent()) {
            try {
                r.addProperty("jvm_started_proc_ms", ChildProcesses.startEpochMs(jvm.get().pid(), ctx.clockTicks)
                        - run.launchEpochMs);
            } catch (IOException | RuntimeException e) {
                r.addProperty("jvm_started_proc_error", String.valueOf(e));
            }
        }
        String stopped = stop(run, ctx);
        if (stopped != null) {
            r.addProperty("stop", stopped);
        }
        if (failure != null) {
            r.addProperty("failure", failure);
        }
        ChildProcesses.deleteRecursively(home);
        Files.deleteIfExists(output);
        return r;
    }

    // ---- report --------------------------------------------------------------------------------------------

    /** One goal of issue 21 for one launcher, with what this run measured. */
    static List<BenchSuite.Target> targets(JsonObject footprint) {
        List<BenchSuite.Target> targets = new ArrayList<>();
        if (footprint == null || !footprint.has("launchers")) {
            targets.add(new BenchSuite.Target("Footprint and start-up (issue 21 goals)", "not measured", false));
            return targets;
        }
        JsonObject launchers = footprint.getAsJsonObject("launchers");
        JsonObject idle = footprint.has("idle") ? footprint.getAsJsonObject("idle").getAsJsonObject("children") : null;
        JsonObject startup = footprint.has("startup")
                ? footprint.getAsJsonObject("startup").getAsJsonObject("launchers") : null;
        for (Map.Entry<String, JsonElement> e : launchers.entrySet()) {
            String key = e.getKey();
            JsonObject l = e.getValue().getAsJsonObject();
            String label = l.get("label").getAsString();
            Kind kind = Kind.valueOf(l.get("kind").getAsString().toUpperCase(Locale.ROOT));
            double cpuGoal = kind == Kind.WINDOW ? CPU_WINDOW : kind == Kind.TRAY ? CPU_TRAY : CPU_CLI;
            double rssGoal = kind == Kind.WINDOW ? RSS_WINDOW_MB : kind == Kind.TRAY ? RSS_TRAY_MB : RSS_CLI_MB;
            JsonObject child = idle == null || !idle.has(key) ? null : idle.getAsJsonObject(key);
            String cpuName = String.format(Locale.ROOT, "Idle CPU under %s %% of one core: %s", number(cpuGoal), label);
            String rssName = String.format(Locale.ROOT, "Idle RSS under %s MB: %s", number(rssGoal), label);
            if (child == null || child.has("not_measured")) {
                String why = whyNot(child, l);
                targets.add(new BenchSuite.Target(cpuName, why, false));
                targets.add(new BenchSuite.Target(rssName, why, false));
            } else {
                double cpu = child.get("cpu_percent_of_one_core").getAsDouble();
                targets.add(new BenchSuite.Target(cpuName, String.format(Locale.ROOT, "%.2f %%%s", cpu,
                        child.get("stayed_connected").getAsBoolean() ? "" : " (link did not stay up)"), cpu < cpuGoal));
                double max = child.get("rss_max_mb").getAsDouble();
                targets.add(new BenchSuite.Target(rssName, String.format(Locale.ROOT, "%.1f MB (largest of %d samples; "
                        + "median %.1f)", max, child.getAsJsonArray("rss_mb_samples").size(),
                        child.get("rss_median_mb").getAsDouble()), max < rssGoal));
            }
            if (kind == Kind.CLI) {
                continue;
            }
            JsonObject s = startup == null || !startup.has(key) ? null : startup.getAsJsonObject(key);
            String sight = kind == Kind.TRAY ? StartupLog.TRAY_ICON : StartupLog.WINDOW_SHOWN;
            for (String mark : List.of(sight, StartupLog.CONNECTED)) {
                long goal = mark.equals(StartupLog.CONNECTED) ? CONNECTED_MS : FIRST_SIGHT_MS;
                String name = String.format(Locale.ROOT, "Launch to %s under %s s (median): %s", mark,
                        number(goal / 1000.0), label);
                if (s == null || s.has("not_measured")) {
                    targets.add(new BenchSuite.Target(name, whyNot(s, l), false));
                    continue;
                }
                JsonObject ms = s.getAsJsonObject("ms");
                int failures = s.get("failures").getAsInt();
                int launches = failures + s.get("succeeded").getAsInt();
                if (!ms.has(mark)) {
                    targets.add(new BenchSuite.Target(name, "no launch reached it (" + failures + " of " + launches
                            + " failed)", false));
                    continue;
                }
                JsonObject m = ms.getAsJsonObject(mark);
                double median = m.get("median").getAsDouble();
                targets.add(new BenchSuite.Target(name, String.format(Locale.ROOT, "%.2f s (%.2f–%.2f s, %d launches%s)",
                        median / 1000, m.get("min").getAsDouble() / 1000, m.get("max").getAsDouble() / 1000,
                        m.get("n").getAsInt(), failures == 0 ? "" : ", " + failures + " failed"),
                        median < goal && failures == 0));
            }
        }
        return targets;
    }

    private static String whyNot(JsonObject measured, JsonObject launcher) {
        if (launcher.has("unavailable")) {
            return launcher.get("unavailable").getAsString();
        }
        if (measured != null && measured.has("not_measured")) {
            String why = measured.get("not_measured").getAsString();
            int cut = why.indexOf("; last output lines");
            return "not measured: " + (cut < 0 ? why : why.substring(0, cut));
        }
        return "not measured";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }

    static String markdown(JsonObject json) {
        StringBuilder md = new StringBuilder();
        JsonObject env = json.getAsJsonObject("environment");
        JsonObject launchers = json.getAsJsonObject("launchers");
        JsonObject idle = json.getAsJsonObject("idle");
        JsonObject startup = json.getAsJsonObject("startup");
        md.append(String.format(Locale.ROOT, "%d cores, %s. The app as people start it, with the JVM options each "
                        + "launcher gives it (none added by the benchmark); each child in a temporary home with "
                        + "`HOME`, `XDG_*`, `CLAWSCOPE_HOME` (settings, logs, the single-instance lock), "
                        + "`OPENCLAW_CONFIG_PATH`, `DISPLAY` and `NO_AT_BRIDGE=1` in its environment and nothing "
                        + "else of this session's (no D-Bus, so no keyring). Windows on %s, tray children on %s.%n%n",
                Runtime.getRuntime().availableProcessors(), env.get("java").getAsString(),
                env.get("windows_display").getAsString(), env.get("tray_display").getAsString()));

        md.append("**Idle**: all children at once, each linked to its own simulator (tick every 30 s); ");
        md.append(String.format(Locale.ROOT, "%d s window after a %d s warm-up; CPU = utime+stime of the app's JVM "
                        + "from /proc/PID/stat over the window, %% of one core; RSS = VmRSS every %d s.%n%n",
                idle.get("window_s").getAsInt(), idle.get("warmup_s").getAsInt(), idle.get("rss_period_s").getAsInt()));
        md.append("| launcher | command | JVM options (the running JVM's) | CPU, % of one core | RSS, MB | link, rendering |\n");
        md.append("|---|---|---|---|---|---|\n");
        JsonObject children = idle.getAsJsonObject("children");
        for (Map.Entry<String, JsonElement> e : children.entrySet()) {
            JsonObject c = e.getValue().getAsJsonObject();
            String command = c.has("command") ? "`" + String.join(" ", list(c.getAsJsonArray("command"))) + "`" : "";
            if (c.has("not_measured")) {
                md.append("| ").append(cell(c.get("label").getAsString())).append(" | ").append(cell(command))
                        .append(" | | ").append(cell(shortWhy(c.get("not_measured").getAsString()))).append(" | | |\n");
                continue;
            }
            String options = c.get("jvm_options").getAsString();
            String cellText = options.isEmpty() ? "none (JVM defaults)" : "`" + options + "`";
            if (c.has("jvm_flags_set_at_run_time") && !c.getAsJsonArray("jvm_flags_set_at_run_time").isEmpty()) {
                cellText += "; set at run time: `" + String.join(" ", list(c.getAsJsonArray("jvm_flags_set_at_run_time")))
                        + "`";
            }
            if (c.has("heap")) {
                cellText += "; " + c.get("heap").getAsString();
            }
            double[] rss = list(c.getAsJsonArray("rss_mb_samples")).stream().mapToDouble(Double::parseDouble).toArray();
            String link = String.format(Locale.ROOT, "%s (handshakes %d→%d); %s",
                    c.get("stayed_connected").getAsBoolean() ? "stayed up" : "**did not stay up**",
                    c.get("handshakes_before").getAsLong(), c.get("handshakes_after").getAsLong(),
                    c.get("prism").getAsString());
            if (c.has("maven_jvm_rss_mb")) {
                link += String.format(Locale.ROOT, "; Maven's JVM beside it: %.0f MB", c.get("maven_jvm_rss_mb").getAsDouble());
            }
            md.append("| ").append(cell(c.get("label").getAsString())).append(" | ").append(cell(command)).append(" | ")
                    .append(cell(cellText)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", c.get("cpu_percent_of_one_core").getAsDouble()))
                    .append(" | ").append(CostBenchmark.stat(rss, "%.1f")).append(" | ").append(cell(link)).append(" |\n");
        }
        md.append('\n');

        md.append(String.format(Locale.ROOT, "**Start-up**: per launcher %d launches after %d uncounted, one at a time, "
                        + "each a fresh process with a fresh empty home and no OpenClaw config (so the app starts its "
                        + "demo gateway); ms from just before `ProcessBuilder.start()` to the timestamp of the app's "
                        + "`start-up:` line in its log, median (min–max). \"JVM started\" is the launch to the app "
                        + "JVM's process start (for `javafx:run` that is Maven's part): by the app's own account (the "
                        + "line's time less its \"N ms after the JVM started\", the JVM's creation by its management bean) and by `/proc/PID/stat` "
                        + "(`starttime` on the boot time `/proc/uptime` gives, to 10 ms).%n%n",
                startup.get("launches").getAsInt(), startup.get("warmup_launches").getAsInt()));
        md.append("| launcher | window shown | inspector shown | connected (hello-ok) | tray icon installed "
                + "| JVM started, app's account | JVM started, /proc | launches |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        JsonObject per = startup.getAsJsonObject("launchers");
        for (Map.Entry<String, JsonElement> e : per.entrySet()) {
            JsonObject s = e.getValue().getAsJsonObject();
            md.append("| ").append(cell(s.get("label").getAsString())).append(" | ");
            if (s.has("not_measured")) {
                md.append(cell(shortWhy(s.get("not_measured").getAsString()))).append(" | | | | | | |\n");
                continue;
            }
            JsonObject ms = s.getAsJsonObject("ms");
            for (String mark : List.of(StartupLog.WINDOW_SHOWN, StartupLog.INSPECTOR_SHOWN, StartupLog.CONNECTED,
                    StartupLog.TRAY_ICON, "jvm_started", "jvm_started_proc")) {
                md.append(ms.has(mark) ? msCell(ms.getAsJsonObject(mark)) : "–").append(" | ");
            }
            int failures = s.get("failures").getAsInt();
            md.append(s.get("succeeded").getAsInt()).append(failures == 0 ? "" : " (**" + failures + " failed**)")
                    .append(" |\n");
        }
        md.append('\n');
        if (startup.has("process_age_excess_ms")) {
            JsonObject excess = startup.getAsJsonObject("process_age_excess_ms");
            md.append(String.format(Locale.ROOT, "The app's account of its JVM's start is %.0f ms (%.0f–%.0f) later "
                            + "than the process start `/proc` gives over these launches: the launcher's own part before "
                            + "it creates the JVM, plus `/proc`'s 10 ms steps.%n%n",
                    excess.get("median").getAsDouble(), excess.get("min").getAsDouble(), excess.get("max").getAsDouble()));
        }

        md.append("**Goals** (issue 21): idle CPU under 1 % of one core with the window shown, 0.3 % for the tray alone "
                + "and the CLI; RSS (largest sample) under 200 / 150 / 80 MB; launch to the window (for the autostart "
                + "entry its tray icon) under 1.5 s and to hello-ok under 2.5 s, median on 2 cores.\n\n");
        md.append("| goal | this run | |\n|---|---|---|\n");
        for (BenchSuite.Target t : targets(json)) {
            md.append("| ").append(cell(t.target())).append(" | ").append(cell(t.measured())).append(" | ")
                    .append(t.met() ? "met" : "**missed**").append(" |\n");
        }
        md.append('\n');

        List<String> notes = new ArrayList<>();
        notes.add("Keys in `results.json` (`sections.footprint`): `cli_probe` is the key the cost section used for "
                + "the CLI probe, now run through the jar (`java -jar target/clawscope.jar probe`) rather than the "
                + "test class path; the window and tray children are `window_jar`, `window_javafx_run`, "
                + "`window_app_image`, `tray_autostart_app_image`, `tray_autostart_jar`. The idle rows replace the "
                + "cost section's former desktop row, which ran the app from the class path with `-Dprism.order=sw`.");
        notes.add("`javafx:run`: `./mvnw -o -q javafx:run` in the project folder (Maven runs `process-classes` first); "
                + "CPU and RSS are those of the JVM it forks (the child with `" + MAIN_CLASS + "` on its command line), "
                + "not Maven's, which stays alive beside it.");
        notes.add("The tray rows run the Linux autostart entry: `Autostart.plan(\"Linux\", home, launch)` written with "
                + "`Autostart.enable` into the child's home, `launch` being the app image's launcher (what the packaged "
                + "app writes) or what the jar's own `Autostart.currentLaunch()` answers (asked in a JVM that loads it "
                + "from the jar), its `Exec` line read back as the desktop session does "
                + "and checked to give the plan's command: "
                + String.join("; ", autostartCommands(launchers)) + ". The tray host is `trayer` on its own display; "
                + "a tray child counts only once its log says `start-up: tray icon installed`.");
        if (env.has("app_image_java_options")) {
            notes.add("The app image's `lib/app/clawscope.cfg` gives `java-options`: "
                    + env.get("app_image_java_options").getAsString() + ".");
        }
        notes.add("JVM options are the running JVM's own account after the window: `jcmd PID VM.command_line` "
                + "(jvm_args, long path lists shortened), then from `jcmd PID VM.flags -all` the flags set after start "
                + "(origin management, environment or attach: e.g. by the app itself), the collector and the largest heap; `user.home` is the account's home in every child (the JVM "
                + "takes it from the password database, not `HOME`), which the app reads only for "
                + "`~/.openclaw/openclaw.json` (not read here: `OPENCLAW_CONFIG_PATH` is set) and where JavaFX keeps "
                + "its native-library cache (`~/.openjfx/cache`), shared as it is for a user.");
        notes.add("Rendering: the app's log does not name the Prism pipeline; the column says which Prism library the "
                + "JVM mapped (`/proc/PID/maps`). On Xvfb JavaFX chose it by itself.");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        return md.toString();
    }

    private static List<String> autostartCommands(JsonObject launchers) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : launchers.entrySet()) {
            JsonObject l = e.getValue().getAsJsonObject();
            if (l.get("autostart_entry").getAsBoolean()) {
                String project = Path.of("").toAbsolutePath().toString();
                out.add(l.get("label").getAsString() + " `Exec=… " + String.join(" ", list(l.getAsJsonArray("launch")))
                        .replace(project, "<project>") + " --tray`");
            }
        }
        return out;
    }

    private static String msCell(JsonObject s) {
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", s.get("median").getAsDouble(), s.get("min").getAsDouble(),
                s.get("max").getAsDouble());
    }

    private static String shortWhy(String why) {
        int cut = why.indexOf("; last output lines");
        return cut < 0 ? why : why.substring(0, cut);
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static List<String> list(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /** A command for the report: the project folder and a temporary home written short. */
    private static List<String> display(List<String> command, Path project, Path home) {
        List<String> out = new ArrayList<>();
        for (String arg : command) {
            out.add(arg.equals(project.resolve("mvnw").toString()) ? "./mvnw"
                    : arg.replace(project + "/", "").replace(home.toString(), "$TMPHOME"));
        }
        return out;
    }

    private static JsonObject environment(Context ctx, Path java) {
        JsonObject json = new JsonObject();
        json.addProperty("java", javaVersion(java));
        json.addProperty("java_on_path", java.toString());
        json.addProperty("project", ctx.project.toString());
        json.addProperty("windows_display", ctx.windows == null ? "none" : ctx.windows.describe()
                + " (no tray host)");
        json.addProperty("tray_display", ctx.trays == null ? "none" : ctx.trays.describe() + " with trayer");
        Path cfg = ctx.project.resolve(APP_IMAGE_CFG);
        if (Files.isRegularFile(cfg)) {
            try {
                List<String> options = new ArrayList<>();
                for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
                    if (line.startsWith("java-options=")) {
                        options.add("`" + line.substring("java-options=".length()) + "`");
                    }
                }
                json.addProperty("app_image_java_options", options.isEmpty() ? "none" : String.join(", ", options));
            } catch (IOException e) {
                json.addProperty("app_image_java_options", "unreadable: " + e.getMessage());
            }
        }
        return json;
    }

    private static String javaVersion(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("version \"([^\"]+)\"").matcher(out);
            return "`java` on PATH " + (m.find() ? m.group(1) : "?") + " (" + java + ")";
        } catch (IOException e) {
            return "`java` on PATH: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "`java` on PATH";
        }
    }

    private static void progress(String message) {
        Bench.progress("footprint: %s", message);
    }
}
