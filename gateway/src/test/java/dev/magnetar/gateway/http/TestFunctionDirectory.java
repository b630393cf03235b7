package dev.magnetar.gateway.http;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions a gateway test declares. Only active when the test asks for it: this class ships in
 * the test-jar and must not become a second {@link FunctionDirectory} in other modules' applications.
 */
@Singleton
@Requires(property = TestFunctionDirectory.ENABLED, value = "true")
public class TestFunctionDirectory implements FunctionDirectory {
    public static final String ENABLED = "magnetar.test.function-directory.enabled";

    private final Map<String, ResolvedFunction> functions = new ConcurrentHashMap<>();

    public void add(ResolvedFunction function) {
        functions.put(function.fqfn(), function);
    }

    @Override
    public Optional<ResolvedFunction> find(String tenant, String namespace, String name) {
        return Optional.ofNullable(functions.get(tenant + "/" + namespace + "/" + name));
    }

    public static ResolvedFunction function(String tenant, String namespace, String name, String input, long timeoutMs) {
        return ResolvedFunction.of(definition(tenant, namespace, name, input, timeoutMs));
    }

    /** The definition {@link #function} resolves, to change before resolving. */
    public static Function definition(String tenant, String namespace, String name, String input, long timeoutMs) {
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(tenant);
        spec.setNamespace(namespace);
        spec.setRuntime(new RuntimeSpec(null, "/opt/fn.jar", "example.Fn"));
        spec.setInputs(List.of(input));
        spec.setTimeoutMs(timeoutMs);
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName(name).build());
        function.setSpec(spec);
        return function;
    }
}
