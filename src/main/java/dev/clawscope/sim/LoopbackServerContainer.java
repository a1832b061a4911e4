package dev.clawscope.sim;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus on Grizzly, bound to 127.0.0.1. Tyrus's own Grizzly container always listens on every
 * interface; this one builds the same listener and add-on on the loopback address only, with
 * small bounded thread pools.
 */
final class LoopbackServerContainer extends TyrusServerContainer {

    private static final String LOOPBACK = "127.0.0.1";
    /** Grizzly's value for "never close an idle connection". */
    static final int NO_IDLE_TIMEOUT = -1;

    private final TyrusWebSocketEngine engine;
    private HttpServer server;
    private NetworkListener listener;
    private final int idleTimeoutSeconds;
    private String contextPath = "/";

    /** {@code idleTimeoutSeconds} is {@link #NO_IDLE_TIMEOUT} but in the test that shows what it guards against. */
    LoopbackServerContainer(int incomingBufferSize, int idleTimeoutSeconds) {
        super(Set.<Class<?>>of());
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        HttpServer http = new HttpServer();
        NetworkListener net = new NetworkListener("clawscope-sim", LOOPBACK, port);
        http.addListener(net);
        net.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("sim-ws-worker").setCorePoolSize(2).setMaxPoolSize(8).setDaemon(true));
        net.getTransport().setSelectorRunnersCount(1);
        net.getTransport().setKernelThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("sim-ws-selector").setCorePoolSize(1).setMaxPoolSize(1).setDaemon(true));
        // Grizzly's HTTP keep-alive closes a connection after 30 s without inbound bytes, and it
        // keeps counting after the upgrade. A gateway's socket stays open until the gateway ends it.
        net.getKeepAlive().setIdleTimeoutInSeconds(idleTimeoutSeconds);
        net.registerAddOn(new WebSocketAddOn(this, contextPath));
        server = http;
        listener = net;
        super.start(rootPath, port);
        http.start();
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    /** The HTTP keep-alive idle timeout the listener applies, in seconds; negative for none. */
    int idleTimeoutSeconds() {
        return listener.getKeepAlive().getIdleTimeoutInSeconds();
    }

    @Override
    public int getPort() {
        return listener == null ? -1 : listener.getPort();
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
