/**
 * OpenClaw gateway wire protocol v4: frames, a strict writer and tolerant reader ({@link
 * dev.clawscope.protocol.FrameCodec}), the pre-auth challenge, {@code hello-ok}, error
 * classification and close codes.
 *
 * <p>Nothing in this package logs: frames carry tokens, nonces and signatures, and error messages
 * produced here name fields and JSON types but never echo frame content. JSON trees held by
 * records are owned by the record and must be treated as read-only.
 */
package dev.clawscope.protocol;
