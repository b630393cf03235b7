package dev.magnetar.api.packages;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function jar kept in Pulsar itself, where every replica can read it: one (chunked) message on
 * a persistent topic, retained by a subscription that never acknowledges, identified by the jar's
 * SHA-256. On Kubernetes a jar uploaded through the admin API is published this way, and
 * {@code spec.runtime.jar} holds its location: {@code pulsar-package:<topic>@sha256:<hex>}.
 */
public record PulsarPackage(String topic, String sha256) {
    public static final String SCHEME = "pulsar-package:";
    /** Keeps the package messages: it is never acknowledged, so the broker never deletes them. */
    public static final String KEEPER_SUBSCRIPTION = "magnetar-package-keeper";
    /** The message property holding the jar's SHA-256 (lower-case hex). */
    public static final String SHA256_PROPERTY = "magnetar-sha256";
    private static final Pattern LOCATION = Pattern.compile("pulsar-package:(persistent://[^@\\s]+)@sha256:([0-9a-f]{64})");

    public PulsarPackage {
        if (topic == null || !topic.startsWith("persistent://")) {
            throw new IllegalArgumentException("a package topic must be persistent://tenant/namespace/name, was " + topic);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a package's sha256 must be 64 lower-case hex digits, was " + sha256);
        }
    }

    /** The topic that holds the packages of one function. */
    public static String topicOf(String tenant, String namespace, String function) {
        return "persistent://" + tenant + "/" + namespace + "/magnetar-package-" + function;
    }

    public static boolean isPackage(String jar) {
        return jar != null && jar.startsWith(SCHEME);
    }

    /** The SHA-256 a jar location names: a package's; empty for a path, or a package location that is malformed. */
    public static Optional<String> sha256Of(String jar) {
        if (!isPackage(jar)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(jar).sha256());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException naming the expected form */
    public static PulsarPackage parse(String location) {
        Matcher matcher = LOCATION.matcher(location == null ? "" : location);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + location + "' is not a package location of the form"
                    + " pulsar-package:persistent://tenant/namespace/topic@sha256:<64 hex digits>");
        }
        return new PulsarPackage(matcher.group(1), matcher.group(2));
    }

    /** The SHA-256 of a jar's bytes, as packages name it (lower-case hex). */
    public static String digest(byte[] jar) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public String location() {
        return SCHEME + topic + "@sha256:" + sha256;
    }
}
