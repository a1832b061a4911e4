package dev.clawscope.observe;

import com.google.gson.JsonObject;
import dev.clawscope.protocol.EventFrame;
import dev.clawscope.protocol.FrameCodec;
import dev.clawscope.protocol.GatewayRejection;
import dev.clawscope.protocol.ResponseFrame;
import dev.clawscope.ws.CloseFrame;
import dev.clawscope.ws.Opcode;
import java.nio.charset.StandardCharsets;

/** Frames the observer sends in the gateway's place, unmasked as a server's, worded as the gateway words them. */
final class ServerFrames {

    private static final FrameCodec CODEC = new FrameCodec();

    private ServerFrames() {
    }

    /** {@code {"type":"event","event":"shutdown","payload":{"reason":"gateway restarting","restartExpectedMs":N},"seq":S}}. */
    static String shutdown(long restartExpectedMs, long seq) {
        JsonObject payload = new JsonObject();
        payload.addProperty("reason", "gateway restarting");
        payload.addProperty("restartExpectedMs", restartExpectedMs);
        return CODEC.encode(new EventFrame("shutdown", payload, seq, null));
    }

    /** The {@code res} frame that turns a {@code connect} with request id {@code id} away. */
    static String rejection(String id, GatewayRejection rejection) {
        return CODEC.encode(ResponseFrame.failure(id, rejection.error()));
    }

    static byte[] text(String json) {
        return frame(Opcode.TEXT, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] close(int code, String reason) {
        return frame(Opcode.CLOSE, CloseFrame.payload(code, reason));
    }

    static byte[] frame(int opcode, byte[] payload) {
        int n = payload.length;
        int extended = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
        byte[] out = new byte[2 + extended + n];
        out[0] = (byte) (0x80 | opcode);
        if (extended == 0) {
            out[1] = (byte) n;
        } else if (extended == 2) {
            out[1] = 126;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, 2 + extended, n);
        return out;
    }
}
