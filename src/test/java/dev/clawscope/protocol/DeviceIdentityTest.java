package dev.clawscope.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeviceIdentityTest {

    @Test
    void generatedIdentitiesSignAndVerify() {
        DeviceIdentity a = DeviceIdentity.generate();
        DeviceIdentity b = DeviceIdentity.generate();
        assertNotEquals(a.deviceId(), b.deviceId());
        assertTrue(a.deviceId().matches("[0-9a-f]{64}"));
        assertEquals(43, a.publicKeyBase64Url().length());
        String sig = a.sign("hello|wörld");
        assertFalse(sig.contains("="));
        assertTrue(DeviceIdentity.verify(a.publicKeyBase64Url(), "hello|wörld", sig));
        assertFalse(DeviceIdentity.verify(b.publicKeyBase64Url(), "hello|wörld", sig));
    }

    @Test
    void seedRoundTripsThroughFromSeed() {
        DeviceIdentity a = DeviceIdentity.generate();
        DeviceIdentity copy = DeviceIdentity.fromSeed(a.seed());
        assertEquals(a.deviceId(), copy.deviceId());
        assertEquals(a.publicKeyBase64Url(), copy.publicKeyBase64Url());
        assertEquals(a.sign("x"), copy.sign("x"));
    }

    @Test
    void rejectsSeedsOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> DeviceIdentity.fromSeed(new byte[31]));
        assertThrows(NullPointerException.class, () -> DeviceIdentity.fromSeed(null));
    }

    @Test
    void accessorsReturnCopies() {
        DeviceIdentity a = DeviceIdentity.generate();
        a.publicKeyRaw()[0] ^= 1;
        assertEquals(a.deviceId(), DeviceIdentity.deviceIdOf(a.publicKeyBase64Url()).orElseThrow());
    }

    @Test
    void toStringShowsOnlyTheDeviceId() {
        byte[] seed = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        DeviceIdentity id = DeviceIdentity.fromSeed(seed);
        String text = id.toString();
        assertEquals("DeviceIdentity[deviceId=" + id.deviceId() + "]", text);
        assertFalse(text.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(seed)));
        assertFalse(text.contains(HexFormat.of().formatHex(seed)));
    }

    @Test
    void deviceIdOfRejectsMalformedKeys() {
        assertTrue(DeviceIdentity.deviceIdOf("").isEmpty());
        assertTrue(DeviceIdentity.deviceIdOf(null).isEmpty());
        assertTrue(DeviceIdentity.deviceIdOf("abc$").isEmpty());
        assertTrue(DeviceIdentity.deviceIdOf("AAAA").isEmpty());
    }
}
