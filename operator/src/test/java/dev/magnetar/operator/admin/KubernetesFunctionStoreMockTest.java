package dev.magnetar.operator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.operator.reconciler.CleanupFinalizers;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API's store in Kubernetes mode: Function resources in the client's namespace. */
@EnableKubernetesMockClient(crud = true)
class KubernetesFunctionStoreMockTest {
    KubernetesClient client;
    KubernetesFunctionStore store;

    @BeforeEach
    void setUp() {
        store = new KubernetesFunctionStore(client);
    }

    @Test
    void putWritesAFunctionResourceThatGetListAndAllRead() {
        store.put(definition("exclaim", "public", "default"));
        store.put(definition("other", "acme", "orders"));

        Function resource = client.resources(Function.class).inNamespace(client.getNamespace()).withName("exclaim").get();
        assertThat(resource.getSpec().getInputs()).containsExactly("in-exclaim");
        assertThat(store.get(new FunctionRef("public", "default", "exclaim"))).isPresent();
        assertThat(store.get(new FunctionRef("acme", "orders", "exclaim"))).isEmpty();
        assertThat(store.list("acme", "orders")).extracting(f -> f.getMetadata().getName()).containsExactly("other");
        assertThat(store.all()).extracting(f -> f.getMetadata().getName()).containsExactly("exclaim", "other");
    }

    @Test
    void putReplacesTheSpecOfAnExistingFunction() {
        store.put(definition("exclaim", "public", "default"));
        Function changed = definition("exclaim", "public", "default");
        changed.getSpec().setReplicas(4);

        store.put(changed);

        assertThat(store.get(new FunctionRef("public", "default", "exclaim")).orElseThrow().getSpec().getReplicas())
                .isEqualTo(4);
    }

    @Test
    void anUpdateOfAnAutoscaledFunctionKeepsTheAutoscalersCount() {
        Function autoscaled = definition("exclaim", "public", "default");
        autoscaled.getSpec().setAutoscaling(new AutoscalingSpec(0, 8, null, null, null, null, null, null, null));
        store.put(autoscaled);
        client.resources(Function.class).inNamespace(client.getNamespace()).withName("exclaim").scale(6);
        Function update = definition("exclaim", "public", "default");
        update.getSpec().setAutoscaling(new AutoscalingSpec(0, 10, null, null, null, null, null, null, null));
        update.getSpec().setReplicas(1); // as --parallelism 1 would send it

        store.put(update);

        Function stored = store.get(new FunctionRef("public", "default", "exclaim")).orElseThrow();
        assertThat(stored.getSpec().getReplicas()).isEqualTo(6);
        assertThat(stored.getSpec().getAutoscaling().maxReplicas()).isEqualTo(10);
        assertThat(update.getSpec().getReplicas()).as("the caller's object is left as it was").isEqualTo(1);
    }

    @Test
    void aNameTakenByAnotherTenantIsRefused() {
        store.put(definition("exclaim", "public", "default"));

        assertThatThrownBy(() -> store.put(definition("exclaim", "acme", "orders")))
                .hasMessageContaining("'exclaim' is taken").hasMessageContaining("public/default/exclaim");
    }

    @Test
    void deleteRemovesTheResourceAndReportsWhetherThereWasOne() {
        store.put(definition("exclaim", "public", "default"));

        assertThat(store.delete(new FunctionRef("acme", "orders", "exclaim"))).isFalse();
        assertThat(store.delete(new FunctionRef("public", "default", "exclaim"))).isTrue();
        assertThat(store.get(new FunctionRef("public", "default", "exclaim"))).isEmpty();
    }

    @Test
    void aJarKeptInTheFunctionsPackageTopicIsWrittenWithTheFinalizerThatDeletesTheTopic() {
        Function uploaded = definition("exclaim", "public", "default");
        uploaded.getSpec().setRuntime(new RuntimeSpec(null, new PulsarPackage(
                PulsarPackage.topicOf("public", "default", "exclaim"), "b".repeat(64)).location(), "com.example.Exclaim"));

        store.put(uploaded);

        assertThat(resource("exclaim").getMetadata().getFinalizers()).containsExactly(CleanupFinalizers.PACKAGE);
    }

    @Test
    void replacingAFunctionKeepsTheFinalizersItCarries() {
        Function first = definition("exclaim", "public", "default");
        first.getSpec().setCleanupSubscription(true);
        store.put(first);
        Function resource = resource("exclaim");
        resource.getMetadata().getFinalizers().add("example.com/audit");
        client.resource(resource).update();
        Function changed = definition("exclaim", "public", "default");
        changed.getSpec().setCleanupSubscription(true);
        changed.getSpec().setReplicas(3);

        store.put(changed);

        assertThat(resource("exclaim").getMetadata().getFinalizers())
                .containsExactlyInAnyOrder(CleanupFinalizers.SUBSCRIPTION, "example.com/audit");
        assertThat(resource("exclaim").getSpec().getReplicas()).isEqualTo(3);
    }

    private Function resource(String name) {
        return client.resources(Function.class).inNamespace(client.getNamespace()).withName(name).get();
    }

    private static Function definition(String name, String tenant, String namespace) {
        Function function = TestFunctions.function(name);
        function.setMetadata(new ObjectMetaBuilder().withName(name).build());
        function.getSpec().setTenant(tenant);
        function.getSpec().setNamespace(namespace);
        return function;
    }
}
