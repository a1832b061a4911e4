package dev.clawscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.clawscope.Version;
import dev.clawscope.journal.RedactionRules;
import dev.clawscope.journal.Subscription;
import dev.clawscope.link.GatewayAddress;
import dev.clawscope.observe.ObserveRoute;
import dev.clawscope.protocol.Secret;
import dev.clawscope.session.GatewayChoice;
import dev.clawscope.session.GatewaySession;
import dev.clawscope.session.LinkTuning;
import dev.clawscope.session.ObserveSession;
import dev.clawscope.session.SourceSession;
import dev.clawscope.settings.AppDirectories;
import dev.clawscope.settings.AppSettings;
import dev.clawscope.settings.Autostart;
import dev.clawscope.settings.SettingsStore;
import dev.clawscope.settings.TokenVault;
import dev.clawscope.settings.TokenVaults;
import dev.clawscope.ui.inspector.ControlsModel;
import dev.clawscope.ui.inspector.InspectorView;
import dev.clawscope.ui.inspector.InspectorViewModel;
import dev.clawscope.tray.AwtDesktopTray;
import dev.clawscope.tray.DesktopTray;
import dev.clawscope.tray.TrayController;
import dev.clawscope.ui.settings.SettingsDialog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window: the inspector on the configured gateway. With none configured it reads the
 * local OpenClaw config, and without one starts the embedded demo gateway, so the window shows
 * heartbeats within seconds on any machine. With the start option {@code --observe} (or observing
 * chosen in the settings) it shows another client instead, through an observer on loopback: an
 * {@link ObserveSession} in place of the link's {@link GatewaySession}. Opening a session
 * (simulator, proxy, observer, keyring) and saving settings happen off the FX thread.
 */
public final class ClawscopeApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ClawscopeApp.class);

    /**
     * What the window takes from the machine it runs on: the settings folder, the environment and
     * home folder (where a local OpenClaw config is looked for, where autostart and tray exports
     * go), the token vault, the tray, and the check whether autostart is on. A test gives it a
     * folder of its own, a tray that shows nothing and a check it can watch.
     *
     * @param vault opens the token vault (it may ask the OS keyring); called off the FX thread
     * @param autostart whether autostart is on (it may run {@code reg query}); called off the FX thread
     */
    record Host(Path settingsDir, Map<String, String> env, Path userHome, Supplier<TokenVault> vault,
            Supplier<DesktopTray> tray, AutostartCheck autostart) {

        /** This user on this machine. */
        static Host current() {
            Path settingsDir = AppDirectories.current().config();
            return new Host(settingsDir, System.getenv(), Path.of(System.getProperty("user.home")),
                    () -> TokenVaults.best(settingsDir), AwtDesktopTray::new, Autostart::isEnabled);
        }
    }

    /** Whether autostart as {@code plan} writes it is on. */
    @FunctionalInterface
    interface AutostartCheck {
        boolean isEnabled(Autostart.Plan plan) throws IOException;
    }

    /** The system property the command line's {@code --observe} sets: {@code LISTEN=TARGET}. */
    static final String OBSERVE_PROPERTY = "clawscope.observe";

    private final Host host;
    private final Path settingsDir;
    private final SettingsStore store;
    private Scene scene;
    private Stage stage;
    private InspectorView inspector;
    private TrayController tray;
    private boolean trayInstalled;
    private boolean toldAboutTray;
    private AppSettings settings;
    /** The open session, FX thread; closed (off the FX thread) when the inspector closes. */
    private SourceSession session;
    private volatile TokenVault vault;
    /** The start option {@code --observe}, FX thread: it decides until the settings are saved. */
    private Optional<ObserveRoute> observeOption;
    /** JavaFX's pulse timer, one that pauses while nothing needs a pulse (on GTK JavaFX's own does not). */
    private Optional<PulseTimer> pulseTimer = Optional.empty();
    /** Logs the first hello-ok for the start-up marks; FX thread. */
    private Subscription startupWatch = Subscription.NONE;

    public ClawscopeApp() {
        this(Host.current(), observeOption(System.getProperty(OBSERVE_PROPERTY)));
    }

    ClawscopeApp(Host host) {
        this(host, Optional.empty());
    }

    /** @param observe the start option {@code --observe}: observe another client rather than what the settings say */
    ClawscopeApp(Host host, Optional<ObserveRoute> observe) {
        this.host = host;
        this.settingsDir = host.settingsDir();
        this.store = new SettingsStore(settingsDir);
        this.observeOption = observe;
    }

    /** The route {@code --observe} gave, already checked by the command line. */
    private static Optional<ObserveRoute> observeOption(String property) {
        return property == null || property.isBlank() ? Optional.empty()
                : Optional.of(ObserveRoute.parse(property, false));
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        if (DesktopApp.launched() && pulseTimer.isEmpty()) {
            // The real app only: tests run on a toolkit of their own making.
            pulseTimer = PulseTimer.install();
        }
        settings = store.load();
        applyTheme();
        scene = new Scene(waiting(observeOption.isPresent() ? "Starting the observer…" : "Opening the gateway link…"),
                1180, 780);
        scene.getStylesheets().add(stylesheet());
        stage.setTitle("Clawscope " + Version.get());
        stage.setScene(scene);
        if (!Boolean.getBoolean("clawscope.tray")) {
            StartupMarks.onNextFrame(scene, StartupMarks.Mark.WINDOW_SHOWN);
            stage.show();
        }
        stage.setOnCloseRequest(e -> {
            if (trayInstalled) {
                // The tray keeps the link; the window comes back from the tray menu.
                e.consume();
                stage.hide();
                if (!toldAboutTray && tray != null) {
                    toldAboutTray = true;
                    tray.hint("Clawscope keeps running in the tray. Quit it from the tray menu.");
                }
            } else {
                closeInspector();
            }
        });
        DesktopApp.instance().ifPresent(i -> i.onFocus(() -> FxThread.run(this::showWindow)));
        openSession();
    }

    private void showWindow() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet("dark".equals(settings.theme())
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private static VBox waiting(String text) {
        VBox box = new VBox(12, new ProgressIndicator(), new Label(text));
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(40));
        return box;
    }

    private void openSession() {
        AppSettings chosen = settings;
        Optional<ObserveRoute> option = observeOption;
        boolean observing = option.isPresent() || chosen.observe();
        CompletableFuture.supplyAsync(() -> {
            try {
                SourceSession opened = open(chosen, option);
                DesktopApp.sessions().add(opened);
                return opened;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).whenComplete((session, error) -> FxThread.run(() -> {
            if (error != null) {
                LOG.warn("cannot open the session", error);
                String why = RootCause.message(error);
                VBox box = waiting((observing ? "Cannot start the observer: " : "Cannot open the gateway link: ") + why);
                box.getChildren().remove(0);
                javafx.scene.control.Button fix = new javafx.scene.control.Button("Settings…");
                fix.setOnAction(e -> showSettings());
                box.getChildren().add(fix);
                scene.setRoot(box);
                return;
            }
            LOG.info("inspector on {} ({})", session.label(), session.origin());
            this.session = session;
            stage.setTitle(title(session));
            InspectorViewModel model = new InspectorViewModel(session);
            store.notice().ifPresent(model.statusLine()::show); // e.g. settings.json was not JSON and was set aside
            model.controls().setRedactionRules(RedactionRules.defaults().withIps(chosen.redactIps())
                    .withHostNames(chosen.redactHosts()));
            inspector = new InspectorView(model);
            inspector.setOpenFolder(dir -> getHostServices().showDocument(dir.toUri().toString()));
            inspector.setOnSettings(this::showSettings);
            scene.setRoot(inspector);
            if (stage.isShowing()) {
                StartupMarks.onNextFrame(scene, StartupMarks.Mark.INSPECTOR_SHOWN);
            }
            if (session instanceof GatewaySession gateway) {
                if (gateway.status().state() == dev.clawscope.link.LinkState.CONNECTED) {
                    StartupMarks.mark(StartupMarks.Mark.CONNECTED);
                } else {
                    startupWatch = gateway.onStatus("start-up", Runnable::run, status -> {
                        if (status.state() == dev.clawscope.link.LinkState.CONNECTED) {
                            StartupMarks.mark(StartupMarks.Mark.CONNECTED);
                        }
                    });
                }
                model.controls().connect();
                startTray(gateway, model.controls());
            } else {
                // The tray follows this app's own link; an observed client's window is the window, and
                // closing it quits, also after a session that had a tray.
                if (trayInstalled) {
                    trayInstalled = false;
                    javafx.application.Platform.setImplicitExit(true);
                }
                showWindow();
            }
        }));
    }

    /**
     * The session to show: the observed client {@code --observe} or the settings name, else the
     * configured gateway, the local OpenClaw config or the demo. Off the FX thread.
     */
    private SourceSession open(AppSettings chosen, Optional<ObserveRoute> option) throws IOException {
        if (option.isPresent()) {
            return ObserveSession.open(option.get(), "the start option --observe " + option.get());
        }
        if (chosen.observe()) {
            ObserveRoute route = chosen.observeRoute();
            return ObserveSession.open(route, "the settings (observe " + route + ")");
        }
        TokenVault tokens = vault();
        GatewayChoice choice = choice(chosen, tokens, host);
        boolean demo = choice instanceof GatewayChoice.Demo;
        LinkTuning tuning = demo ? LinkTuning.demo() : new LinkTuning(Duration.ofMillis(chosen.wsPingMs()),
                Duration.ofMillis(chosen.pongDeadlineMs()), Duration.ofMillis(chosen.probeIntervalMs()),
                chosen.backoff());
        return GatewaySession.open(choice, demo || chosen.faultInjection(), tuning, chosen.clientName(), settingsDir);
    }

    /** The tray icon for {@code session}, installed off the FX thread; without a tray the window shows. */
    private void startTray(GatewaySession session, ControlsModel controls) {
        TrayController controller = new TrayController(host.tray().get(), session, new TrayController.Actions() {
            @Override
            public void openInspector() {
                FxThread.run(ClawscopeApp.this::showWindow);
            }

            @Override
            public void exportProof() {
                Path dir = host.userHome().resolve("clawscope-proof-"
                        + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                                "yyyyMMdd-HHmmss")));
                FxThread.run(() -> controls.exportProof(dir).whenComplete((bundle, error) -> {
                    if (tray != null) {
                        tray.hint(error == null ? "Proof bundle written to " + bundle.dir()
                                : "Export failed: " + RootCause.message(error));
                    }
                }));
            }

            @Override
            public void openUrl(String url) {
                getHostServices().showDocument(url);
            }

            @Override
            public void quit() {
                FxThread.run(() -> {
                    trayInstalled = false;
                    closeInspector();
                    javafx.application.Platform.exit();
                });
            }
        });
        tray = controller;
        controller.start().thenAccept(installed -> FxThread.run(() -> {
            if (installed) {
                StartupMarks.mark(StartupMarks.Mark.TRAY_ICON);
            }
            trayInstalled = installed;
            javafx.application.Platform.setImplicitExit(!installed);
            if (!installed) {
                showWindow();
            }
        }));
    }

    /** The window's title names whose events it shows. */
    static String title(SourceSession session) {
        return "Clawscope " + Version.get() + " \u2014 " + session.source().displayName();
    }

    /** The configured gateway with its stored token, else the local OpenClaw config, else the demo. */
    static GatewayChoice choice(AppSettings settings, TokenVault tokens, Host host) throws IOException {
        if (!settings.gatewayUrl().isEmpty()) {
            GatewayAddress address = GatewayAddress.parse(settings.gatewayUrl(), settings.allowInsecure());
            Secret token = tokens.load(address.display()).orElse(null);
            return new GatewayChoice.Remote(address, token, "the settings (token in " + tokens.describe() + ")");
        }
        return GatewayChoice.localOrDemo(host.env(), host.userHome());
    }

    private TokenVault vault() {
        if (vault == null) {
            vault = host.vault().get();
        }
        return vault;
    }

    private void showSettings() {
        Autostart.Plan plan = Autostart.plan(System.getProperty("os.name", ""), host.userHome(),
                Autostart.currentLaunch());
        // Both read the disk or run a command (reg query): off the FX thread, the dialog shows the result.
        CompletableFuture<Boolean> autostart = CompletableFuture.supplyAsync(() -> {
            try {
                return host.autostart().isEnabled(plan);
            } catch (IOException e) {
                return false;
            }
        });
        CompletableFuture.supplyAsync(this::vault).thenAcceptBoth(autostart, (tokens, enabled) -> FxThread.run(() -> {
            SettingsDialog dialog = new SettingsDialog(settings, tokens.describe(), plan, enabled);
            dialog.initOwner(scene.getWindow());
            dialog.getDialogPane().getStylesheets().add(stylesheet());
            boolean wasEnabled = enabled;
            dialog.showAndWait().ifPresent(result -> {
                if (result.autostart() != wasEnabled) {
                    CompletableFuture.runAsync(() -> {
                        try {
                            if (result.autostart()) {
                                Autostart.enable(plan);
                            } else {
                                Autostart.disable(plan);
                            }
                        } catch (IOException e) {
                            LOG.warn("cannot change autostart ({}): {}", plan.where(), e.getMessage());
                        }
                    });
                }
                save(result, tokens);
            });
        }));
    }

    private void save(SettingsDialog.Result result, TokenVault tokens) {
        AppSettings next = result.settings();
        observeOption = Optional.empty(); // saved settings decide from now on
        closeInspector();
        scene.setRoot(waiting("Saving the settings and reconnecting…"));
        CompletableFuture.runAsync(() -> {
            try {
                store.save(next);
                if (result.token() != null && !next.gatewayUrl().isEmpty()) {
                    tokens.store(GatewayAddress.parse(next.gatewayUrl(), next.allowInsecure()).display(), result.token());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).whenComplete((ok, error) -> FxThread.run(() -> {
            if (error != null) {
                LOG.warn("cannot save the settings", error);
            }
            settings = next;
            applyTheme();
            openSession();
        }));
    }

    /** Closes the tray, the inspector and the session; the result completes once the session has closed. */
    CompletableFuture<Void> closeInspector() {
        startupWatch.close();
        startupWatch = Subscription.NONE;
        if (tray != null) {
            tray.close();
            tray = null;
        }
        if (inspector != null) {
            inspector.close();
            inspector = null;
        }
        CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);
        if (session != null) {
            // Started here, awaited (bounded) by DesktopApp before the process exits.
            closed = DesktopApp.sessions().close(session);
            session = null;
        }
        return closed;
    }

    /** The inspector's stylesheet, layered over the theme. */
    public static String stylesheet() {
        return ClawscopeApp.class.getResource("inspector.css").toExternalForm();
    }

    @Override
    public void stop() {
        closeInspector();
    }
}
