package dev.clawscope.chaos;

/**
 * A snapshot of a {@link FaultProxy}'s counters.
 *
 * @param liveConnections connection pairs open right now
 * @param acceptedConnections connections accepted since start, refused ones included
 * @param refusedConnections connections closed at once by {@code refuse} or the connection cap
 * @param bytesToTarget bytes written to the target since start
 * @param bytesToClient bytes written to clients since start
 * @param heldBytes bytes read but not yet forwarded, by a blackhole, a delay or a throttle
 */
public record ProxyStats(
        int liveConnections,
        long acceptedConnections,
        long refusedConnections,
        long bytesToTarget,
        long bytesToClient,
        long heldBytes) {
}
