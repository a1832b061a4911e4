/**
 * What {@code clawscope watch} keeps for many gateways at once, without any toolkit. {@link
 * dev.clawscope.watch.WatchConfig} reads the config (the contract scripts write), {@link
 * dev.clawscope.watch.Watch} holds a hardened link and a small journal per gateway with one
 * subscriber that feeds {@link dev.clawscope.watch.WatchMetrics} (the Prometheus series), the
 * incident recorder and the state-change lines. The {@link dev.clawscope.watch.IncidentRecorder}
 * writes a redacted proof bundle by itself for each outage, from shortly before the drop to shortly
 * after the next hello-ok, into a folder it caps by count and size. {@link
 * dev.clawscope.watch.FleetListing} reads the gateways of the local {@code openclaw fleet} from its
 * JSON listing.
 */
package dev.clawscope.watch;
