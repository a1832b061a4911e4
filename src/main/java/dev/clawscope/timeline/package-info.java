/**
 * The one timeline classification (lane, kind, colour token, label) and the outage intervals,
 * free of any toolkit: the live JavaFX canvas and the proof's SVG and PNG draw from these alike.
 */
package dev.clawscope.timeline;
