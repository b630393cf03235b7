package dev.magnetar.security.replica;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens that open a replica's status and direct-invoke routes (its probes and metrics are open). Each
 * function's token is derived from one installation key, so the control plane computes it instead of storing
 * it, and a function's replicas hold only their own: user code that reads its environment can open its own
 * replicas, never another function's.
 */
public final class ReplicaAccess {
    private static final String HMAC = "HmacSHA256";
    private static final int RANDOM_KEY_BYTES = 32;

    private final byte[] key;

    public ReplicaAccess(byte[] key) {
        if (key == null || key.length < RANDOM_KEY_BYTES) {
            throw new IllegalArgumentException("the replica access key must be at least " + RANDOM_KEY_BYTES
                    + " bytes: create one with 'magnetar tokens create-secret-key'");
        }
        this.key = key.clone();
    }

    /** A key for this process only: replicas started by it get tokens no other process can derive. */
    public static ReplicaAccess random() {
        byte[] key = new byte[RANDOM_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new ReplicaAccess(key);
    }

    /** @param fqfn tenant/namespace/name */
    public String tokenFor(String fqfn) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(fqfn.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Compares in constant time, so response timing does not reveal how much of a guess was right. */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
