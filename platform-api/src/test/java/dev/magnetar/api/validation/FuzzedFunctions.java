package dev.magnetar.api.validation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.PodOverlay;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Function whose every field is, as the fuzzer chooses, its valid value, left out, or an odd one: the empty
 * input gives the valid definition, so mutations reach each check with the rest of the document in order.
 */
final class FuzzedFunctions {
    private static final String[] QUANTITY_SUFFIXES = {"", "m", "k", "M", "G", "T", "Ki", "Mi", "Gi", "Ti", "x", "e3"};

    private FuzzedFunctions() {
    }

    static Function from(FuzzedDataProvider data) {
        Function function = new Function();
        if (!data.consumeBoolean()) {
            function.setMetadata(new ObjectMeta());
            function.getMetadata().setName(text(data, "exclamation"));
        }
        if (!data.consumeBoolean()) {
            function.setSpec(spec(data));
        }
        return function;
    }

    private static FunctionSpec spec(FuzzedDataProvider data) {
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(text(data, null));
        spec.setNamespace(text(data, null));
        spec.setRuntime(data.consumeBoolean() ? null
                : new RuntimeSpec(text(data, null), text(data, "/opt/fn.jar"), text(data, "org.example.Exclamation")));
        spec.setInputs(topics(data));
        spec.setTopicsPattern(text(data, null));
        spec.setOutput(topic(data, "out"));
        spec.setLogTopic(topic(data, null));
        spec.setDeadLetterTopic(topic(data, null));
        spec.setSubscription(data.consumeBoolean() ? null : new SubscriptionSpec(text(data, null),
                choice(data, SubscriptionType.values()), choice(data, InitialPosition.values())));
        spec.setProcessingGuarantee(choice(data, ProcessingGuarantee.values()));
        spec.setMaxRedeliveries(number(data));
        spec.setTimeoutMs(data.consumeBoolean() ? null : data.consumeLong());
        spec.setConcurrency(number(data));
        spec.setReplicas(number(data));
        spec.setAutoscaling(data.consumeBoolean() ? null : autoscaling(number(data), number(data),
                data.consumeBoolean() ? null : data.consumeLong(), number(data), number(data)));
        spec.setResources(data.consumeBoolean() ? null : new ResourcesSpec(quantity(data), quantity(data)));
        spec.setEnv(strings(data));
        spec.setSecrets(secrets(data));
        spec.setUserConfig(data.consumeBoolean() ? null : userConfig(data, 2));
        spec.setPod(data.consumeBoolean() ? null : new PodOverlay(strings(data), strings(data), strings(data), null, null));
        spec.setCleanupSubscription(data.consumeBoolean() ? null : data.consumeBoolean());
        // last, so that committed inputs keep meaning what they meant before it was added
        spec.setPulsarAuth(data.consumeBoolean() ? null : new PulsarAuthSpec(data.consumeBoolean() ? null
                : new SecretRef(text(data, "orders-fn"), text(data, "token"))));
        return spec;
    }

    /** {@code valid} (the choice of the empty input), null, or fuzzed text. */
    private static String text(FuzzedDataProvider data, String valid) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> valid;
            case 1 -> null;
            case 2 -> data.consumeAsciiString(24);
            default -> data.consumeString(24);
        };
    }

    /** Topic names are built from parts too, so the fuzzer meets the domain and tenant/namespace checks. */
    private static String topic(FuzzedDataProvider data, String valid) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> valid;
            case 1 -> text(data, null);
            case 2 -> text(data, "t") + "/" + text(data, "n") + "/" + text(data, "in");
            default -> data.pickValue(new String[] {"persistent", "non-persistent", "", "http"}) + "://"
                    + text(data, "t") + "/" + text(data, "n") + "/" + text(data, "in");
        };
    }

    private static List<String> topics(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeBoolean() ? null : List.of();
        }
        List<String> topics = new ArrayList<>(List.of("in"));
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            topics.add(topic(data, "in"));
        }
        return topics;
    }

    private static String quantity(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> data.consumeBoolean() ? "500m" : "512Mi";
            case 1 -> data.consumeAsciiString(12);
            default -> data.consumeString(1 + data.consumeInt(0, 40)).replaceAll("[^0-9.]", "9")
                    + data.pickValue(QUANTITY_SUFFIXES);
        };
    }

    private static Integer number(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> null;
            case 1 -> data.consumeInt(-2, 1100);
            default -> data.consumeInt();
        };
    }

    private static <T> T choice(FuzzedDataProvider data, T[] values) {
        return data.consumeBoolean() ? null : data.pickValue(values);
    }

    private static Map<String, String> strings(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            map.put(data.consumeBoolean() ? "MODE" + i : data.consumeString(12), text(data, "fast"));
        }
        return map;
    }

    private static Map<String, SecretRef> secrets(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 2); i > 0; i--) {
            secrets.put(data.consumeString(12), data.consumeBoolean() ? null
                    : new SecretRef(text(data, "creds"), text(data, "token")));
        }
        return secrets;
    }

    /** Free-form values as a document holds them: text, numbers, booleans, null, lists and nested maps. */
    private static Map<String, Object> userConfig(FuzzedDataProvider data, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            map.put(data.consumeString(12), value(data, depth));
        }
        return map;
    }

    private static Object value(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, depth > 0 ? 7 : 5)) {
            case 0 -> data.consumeString(16);
            case 1 -> data.consumeInt();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeDouble();
            case 4 -> data.consumeBoolean();
            case 5 -> null;
            case 6 -> new ArrayList<>(List.of(String.valueOf(value(data, depth - 1)), data.consumeInt()));
            default -> userConfig(data, depth - 1);
        };
    }

    /** The fields in the order committed inputs give them. */
    private static AutoscalingSpec autoscaling(Integer min, Integer max, Long backlog, Integer cpu, Integer idle) {
        return new AutoscalingSpec(min, max, backlog, null, cpu, idle, null, null, null);
    }
}
