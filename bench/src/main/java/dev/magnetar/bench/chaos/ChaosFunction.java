package dev.magnetar.bench.chaos;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.bench.scenario.FunctionCode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/**
 * The function under chaos: the exclamation sample at the defaults (ATLEAST_ONCE, Shared) with two replicas, so a
 * replica kill leaves one consuming; and the names that go with it.
 */
final class ChaosFunction {
    static final String TENANT = "public";
    static final String NAMESPACE = "default";
    static final String NAME = "bench-chaos";
    static final int REPLICAS = 2;
    static final String INPUT = "persistent://" + TENANT + "/" + NAMESPACE + "/" + NAME + "-in";
    static final String OUTPUT = "persistent://" + TENANT + "/" + NAMESPACE + "/" + NAME + "-out";
    static final String GATEWAY_PATH = "/function/" + TENANT + "/" + NAMESPACE + "/" + NAME;

    private ChaosFunction() {
    }

    static String yaml(FunctionCode code) {
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(TENANT);
        spec.setNamespace(NAMESPACE);
        spec.setRuntime(new RuntimeSpec(null, code.jar().toString(), code.className()));
        spec.setInputs(List.of(INPUT));
        spec.setOutput(OUTPUT);
        spec.setReplicas(REPLICAS);
        function.setSpec(spec);
        return FunctionDocuments.toYaml(function);
    }
}
