/**
 * RFC 6455 on the wire, without a toolkit or a socket: the HTTP upgrade, frame headers, close
 * payloads, strict UTF-8 and client-side masking. Every limit is checked when the bytes that
 * declare it arrive, so nothing hostile is buffered first and judged afterwards.
 */
package dev.clawscope.ws;
