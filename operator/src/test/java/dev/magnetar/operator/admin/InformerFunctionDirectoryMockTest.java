package dev.magnetar.operator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.operator.config.KubernetesModeConfig;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's directory in Kubernetes mode follows Function resources through an informer. */
@EnableKubernetesMockClient(crud = true)
class InformerFunctionDirectoryMockTest {
    KubernetesClient client;

    @Test
    void findsValidFunctionsByPulsarNameAndForgetsDeletedOnes() {
        KubernetesModeConfig config = new KubernetesModeConfig("img", 9090, List.of(), Duration.ofMinutes(10), null,
                Duration.ofMinutes(2));
        try (InformerFunctionDirectory directory = new InformerFunctionDirectory(client, config)) {
            client.resource(inClientNamespace(TestFunctions.function("exclaim"))).create();
            Function broken = inClientNamespace(TestFunctions.function("broken"));
            broken.getSpec().setRuntime(new RuntimeSpec(null, null, null));
            client.resource(broken).create();

            await().atMost(Duration.ofSeconds(10)).until(() -> directory.find("public", "default", "exclaim").isPresent());
            assertThat(directory.find("public", "default", "exclaim").orElseThrow().inputs())
                    .containsExactly("persistent://public/default/in-exclaim");
            assertThat(directory.find("acme", "default", "exclaim")).isEmpty();
            assertThat(directory.find("public", "default", "broken")).isEmpty();

            // Each route is resolved once per resourceVersion: a change shows, a fix makes it routable.
            client.resources(Function.class).inNamespace(client.getNamespace()).withName("exclaim")
                    .edit(f -> {
                        f.getSpec().setInputs(List.of("moved"));
                        return f;
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> directory.find("public", "default", "exclaim").orElseThrow()
                    .inputs().equals(List.of("persistent://public/default/moved")));
            client.resources(Function.class).inNamespace(client.getNamespace()).withName("broken")
                    .edit(f -> {
                        f.getSpec().setRuntime(new RuntimeSpec(null, "/app/f.jar", "com.example.Fixed"));
                        return f;
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> directory.find("public", "default", "broken").isPresent());

            client.resources(Function.class).inNamespace(client.getNamespace()).withName("exclaim").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> directory.find("public", "default", "exclaim").isEmpty());
        }
    }

    private Function inClientNamespace(Function function) {
        function.getMetadata().setNamespace(client.getNamespace());
        return function;
    }
}
