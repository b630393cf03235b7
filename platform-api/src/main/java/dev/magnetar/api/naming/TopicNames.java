package dev.magnetar.api.naming;

import java.util.regex.Pattern;

/** Pulsar topic name rules, as the Pulsar client applies them, without depending on the client. */
public final class TopicNames {
    private static final Pattern NAME_PART = Pattern.compile("[-=:.\\w]+");

    private TopicNames() {
    }

    /**
     * Fully qualifies a topic the way Pulsar does: {@code t} becomes
     * {@code persistent://public/default/t} and {@code a/b/t} becomes {@code persistent://a/b/t}.
     */
    public static String qualify(String topic) {
        if (topic.contains("://")) {
            return topic;
        }
        String[] parts = topic.split("/", -1);
        if (parts.length == 3) {
            return "persistent://" + topic;
        }
        return "persistent://public/default/" + topic;
    }

    /** Qualifies {@code topic} inside the given tenant and namespace when it is a bare name. */
    public static String qualifyIn(String tenant, String namespace, String topic) {
        if (topic.contains("://") || topic.contains("/")) {
            return qualify(topic);
        }
        return "persistent://" + tenant + "/" + namespace + "/" + topic;
    }

    /** Why {@code topic} is not a valid Pulsar topic name, or null when it is. */
    public static String problem(String topic) {
        if (topic == null || topic.isBlank()) {
            return "must not be empty";
        }
        String rest = topic;
        int scheme = topic.indexOf("://");
        if (scheme >= 0) {
            String domain = topic.substring(0, scheme);
            if (!domain.equals("persistent") && !domain.equals("non-persistent")) {
                return "'" + topic + "' has domain '" + domain + "': use persistent:// or non-persistent://";
            }
            rest = topic.substring(scheme + 3);
        }
        String[] parts = rest.split("/", -1);
        boolean shapeOk = scheme >= 0 ? parts.length == 3 : parts.length == 1 || parts.length == 3;
        if (!shapeOk) {
            return "'" + topic + "' is not a topic name: use 'name', 'tenant/namespace/name'"
                    + " or 'persistent://tenant/namespace/name'";
        }
        for (String part : parts) {
            if (!NAME_PART.matcher(part).matches()) {
                return "'" + topic + "' has an empty or invalid part '" + part
                        + "': use letters, digits and - _ . = :";
            }
        }
        return null;
    }
}
