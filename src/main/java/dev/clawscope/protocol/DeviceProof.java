package dev.clawscope.protocol;

import com.google.gson.JsonObject;

/**
 * The {@code device} object of a connect request: identity plus a signature over the
 * challenge (§3.4). All fields are required by the schema. {@link #toString()} hides the
 * signature and the nonce.
 */
public record DeviceProof(String id, String publicKey, String signature, long signedAt, String nonce) {

    public DeviceProof {
        Checks.nonEmpty(id, "device.id");
        Checks.nonEmpty(publicKey, "device.publicKey");
        Checks.nonEmpty(signature, "device.signature");
        Checks.nonEmpty(nonce, "device.nonce");
        if (signedAt < 0) {
            throw new IllegalArgumentException("device.signedAt must be >= 0");
        }
    }

    /** Wire form in schema order. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("publicKey", publicKey);
        o.addProperty("signature", signature);
        o.addProperty("signedAt", signedAt);
        o.addProperty("nonce", nonce);
        return o;
    }

    @Override
    public String toString() {
        return "DeviceProof[id=" + id + ", publicKey=" + publicKey
                + ", signature=redacted, signedAt=" + signedAt + ", nonce=redacted]";
    }
}
