package dev.clawscope.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The simulator's behaviour knobs and counters, shared by every connection. Knobs are volatile
 * so a test can flip them at run time from any thread; counters are lock-free.
 */
final class SimState {

    private final LongSupplier clockMs;
    private final PairingRegistry pairing;
    private final Map<String, LongAdder> methodCalls = new ConcurrentHashMap<>();
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final long bootMs;

    private volatile String token;
    private volatile long tickIntervalMs;
    private volatile long wsPingIntervalMs;
    private volatile long pongDeadlineMs;
    private volatile long handshakeTimeoutMs;
    private volatile long healthIntervalMs;
    private volatile PairingMode pairingMode;
    private volatile long startingUntilMs;
    private volatile long handshakeDelayMs;
    private volatile long methodDelayMs;
    private final String serverVersion;

    SimState(SimConfig config, LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.pairing = new PairingRegistry(clockMs, config.pairingTtl().toMillis());
        this.bootMs = clockMs.getAsLong();
        this.token = config.token();
        this.tickIntervalMs = config.tickInterval().toMillis();
        this.wsPingIntervalMs = config.wsPingInterval().toMillis();
        this.pongDeadlineMs = config.pongDeadline().toMillis();
        this.handshakeTimeoutMs = config.handshakeTimeout().toMillis();
        this.healthIntervalMs = config.healthInterval().toMillis();
        this.pairingMode = config.pairingMode();
        this.startingUntilMs = bootMs + config.startup().toMillis();
        this.serverVersion = config.serverVersion();
    }

    long now() {
        return clockMs.getAsLong();
    }

    long uptimeMs() {
        return now() - bootMs;
    }

    PairingRegistry pairing() {
        return pairing;
    }

    String token() {
        return token;
    }

    void token(String value) {
        token = value;
    }

    String serverVersion() {
        return serverVersion;
    }

    long tickIntervalMs() {
        return tickIntervalMs;
    }

    void tickIntervalMs(long value) {
        tickIntervalMs = value;
    }

    long wsPingIntervalMs() {
        return wsPingIntervalMs;
    }

    long pongDeadlineMs() {
        return pongDeadlineMs;
    }

    void wsPing(long intervalMs, long deadlineMs) {
        wsPingIntervalMs = intervalMs;
        pongDeadlineMs = deadlineMs;
    }

    long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    void handshakeTimeoutMs(long value) {
        handshakeTimeoutMs = value;
    }

    long healthIntervalMs() {
        return healthIntervalMs;
    }

    PairingMode pairingMode() {
        return pairingMode;
    }

    void pairingMode(PairingMode value) {
        pairingMode = value;
    }

    boolean starting() {
        return now() < startingUntilMs;
    }

    void startingFor(long ms) {
        startingUntilMs = now() + ms;
    }

    long handshakeDelayMs() {
        return handshakeDelayMs;
    }

    void handshakeDelayMs(long value) {
        handshakeDelayMs = value;
    }

    long methodDelayMs() {
        return methodDelayMs;
    }

    void methodDelayMs(long value) {
        methodDelayMs = value;
    }

    void countMethod(String method) {
        methodCalls.computeIfAbsent(method, m -> new LongAdder()).increment();
    }

    long methodCalls(String method) {
        LongAdder adder = methodCalls.get(method);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, Long> methodCallsSnapshot() {
        Map<String, Long> copy = new TreeMap<>();
        methodCalls.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    void countConnectAttempt() {
        connectAttempts.incrementAndGet();
    }

    long connectAttempts() {
        return connectAttempts.get();
    }

    void countHandshake() {
        handshakes.incrementAndGet();
    }

    long handshakes() {
        return handshakes.get();
    }
}
