package dev.magnetar.security.keys;

import com.nimbusds.jose.JWSAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Locale;

/**
 * Keys in the encodings Pulsar's {@code pulsar tokens} writes and its broker reads: a secret key is its
 * raw bytes, a public key X.509 (DER), a private key PKCS#8 (DER).
 */
public final class SigningKeys {
    public static final JWSAlgorithm DEFAULT_SECRET_ALGORITHM = JWSAlgorithm.HS256;
    public static final JWSAlgorithm DEFAULT_KEY_PAIR_ALGORITHM = JWSAlgorithm.RS256;
    private static final List<JWSAlgorithm> SUPPORTED = List.of(
            JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningKeys() {
    }

    /** One of HS/RS/ES 256/384/512, as Pulsar's {@code tokenPublicAlg} and {@code --signature-algorithm} take them. */
    public static JWSAlgorithm algorithm(String name) {
        JWSAlgorithm algorithm = name == null ? null : JWSAlgorithm.parse(name.strip().toUpperCase(Locale.ROOT));
        if (algorithm == null || !SUPPORTED.contains(algorithm)) {
            throw new KeyException("signature algorithm '" + name + "' is not supported: use one of " + SUPPORTED);
        }
        return algorithm;
    }

    /** A random key for an HMAC algorithm, as long as the algorithm's hash. */
    public static byte[] newSecretKey(JWSAlgorithm algorithm) {
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw new KeyException(algorithm + " is not an HMAC algorithm: a secret key signs HS256, HS384 or HS512");
        }
        byte[] key = new byte[Integer.parseInt(algorithm.getName().substring(2)) / 8];
        RANDOM.nextBytes(key);
        return key;
    }

    public static KeyPair newKeyPair(JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            if (JWSAlgorithm.Family.EC.contains(algorithm)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(curve(algorithm)), RANDOM);
                return generator.generateKeyPair();
            }
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot create a " + algorithm + " key pair: " + e.getMessage(), e);
        }
        throw new KeyException(algorithm + " does not use a key pair: use RS256, RS384, RS512, ES256, ES384 or ES512");
    }

    /** @param name the setting the bytes came from, for the error message */
    public static PublicKey publicKey(String name, byte[] der, JWSAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(keyType(algorithm)).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyException(name + " is not a " + keyType(algorithm) + " public key in X.509 DER encoding (as"
                    + " 'pulsar tokens create-key-pair' writes it) for " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** An RSA or EC private key in PKCS#8 DER encoding, whichever it is. */
    public static PrivateKey privateKey(String name, byte[] der) {
        for (String type : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next type
            }
        }
        throw new KeyException(name + " is not an RSA or EC private key in PKCS#8 DER encoding"
                + " (as 'pulsar tokens create-key-pair' writes it)");
    }

    /** The algorithm Pulsar's tools pick for a private key of this type when none is given. */
    public static JWSAlgorithm defaultAlgorithm(PrivateKey key) {
        return "EC".equals(key.getAlgorithm()) ? JWSAlgorithm.ES256 : DEFAULT_KEY_PAIR_ALGORITHM;
    }

    private static String keyType(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return "RSA";
        }
        if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            return "EC";
        }
        throw new KeyException(algorithm + " is verified with a secret key, not a public key");
    }

    private static String curve(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.ES384.equals(algorithm)) {
            return "secp384r1";
        }
        return JWSAlgorithm.ES512.equals(algorithm) ? "secp521r1" : "secp256r1";
    }
}
