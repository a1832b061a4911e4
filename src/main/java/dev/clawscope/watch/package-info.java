/**
 * What {@code clawscope watch} keeps for many gateways at once, without any toolkit. The {@link
 * dev.clawscope.watch.IncidentRecorder} follows each gateway's journal and writes a redacted proof
 * bundle by itself for each outage, from shortly before the drop to shortly after the next
 * hello-ok, into a folder it caps by count and size. {@link dev.clawscope.watch.FleetListing} reads
 * the gateways of the local {@code openclaw fleet} from its JSON listing.
 */
package dev.clawscope.watch;
