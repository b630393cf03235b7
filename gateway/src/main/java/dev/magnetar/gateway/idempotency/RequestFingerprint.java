package dev.magnetar.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests under one key the same request: the body and its content type, as a SHA-256 digest, so a
 * kept key holds 32 bytes of the request rather than its body.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {
    }

    public static String of(String contentType, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update((contentType == null ? "" : contentType).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(body == null ? new byte[0] : body);
        return HexFormat.of().formatHex(sha256.digest());
    }
}
