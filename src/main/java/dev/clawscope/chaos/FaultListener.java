package dev.clawscope.chaos;

/**
 * Told of every fault a {@link FaultProxy} applies and every fault that expires, in order, on the
 * proxy's event thread. A listener that throws is logged and keeps its subscription; one that
 * blocks delays only later notifications, never the traffic.
 */
@FunctionalInterface
public interface FaultListener {

    void onFault(FaultEvent event);
}
