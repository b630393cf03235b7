package dev.magnetar.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFunctionStoreTest {
    @TempDir
    Path root;

    static Function function(String tenant, String namespace, String name) {
        return FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: %s}
                spec:
                  tenant: %s
                  namespace: %s
                  runtime: {className: a.B, jar: /tmp/x.jar}
                  inputs: [in]
                  userConfig: {greeting: hi}
                """.formatted(name, tenant, namespace));
    }

    @Test
    void aStoredDefinitionSurvivesReopening() {
        new FileFunctionStore(root).put(function("public", "default", "echo"));

        FileFunctionStore reopened = new FileFunctionStore(root);

        Function read = reopened.get(new FunctionRef("public", "default", "echo")).orElseThrow();
        assertThat(read.getSpec().getUserConfig()).containsEntry("greeting", "hi");
        assertThat(root.resolve("public/default/echo.yaml")).isRegularFile();
        assertThat(reopened.list("public", "default")).hasSize(1);
    }

    @Test
    void listsOneNamespaceSortedByName() {
        FileFunctionStore store = new FileFunctionStore(root);
        store.put(function("public", "default", "zeta"));
        store.put(function("public", "default", "alpha"));
        store.put(function("acme", "default", "other"));

        assertThat(store.list("public", "default")).extracting(f -> f.getMetadata().getName())
                .containsExactly("alpha", "zeta");
        assertThat(store.all()).hasSize(3);
    }

    @Test
    void deleteRemovesTheFileAndReportsWhetherThereWasOne() {
        FileFunctionStore store = new FileFunctionStore(root);
        store.put(function("public", "default", "echo"));
        FunctionRef ref = new FunctionRef("public", "default", "echo");

        assertThat(store.delete(ref)).isTrue();
        assertThat(store.delete(ref)).isFalse();
        assertThat(root.resolve("public/default/echo.yaml")).doesNotExist();
        assertThat(new FileFunctionStore(root).get(ref)).isEmpty();
    }

    @Test
    void aCorruptFileIsSkippedAndTheOthersLoad() throws Exception {
        new FileFunctionStore(root).put(function("public", "default", "good"));
        Files.writeString(root.resolve("public/default/broken.yaml"), "spec: [not, a, function");
        Files.writeString(root.resolve("public/default/typo.yaml"), "metadata: {name: typo}\nspecc: {}\n");

        FileFunctionStore reopened = new FileFunctionStore(root);

        assertThat(reopened.all()).extracting(f -> f.getMetadata().getName()).containsExactly("good");
    }

    @Test
    void aFileWhoseContentNamesAnotherFunctionIsSkipped() throws Exception {
        Files.createDirectories(root.resolve("public/default"));
        Files.writeString(root.resolve("public/default/moved.yaml"),
                FunctionDocuments.toYaml(function("public", "default", "original")));

        assertThat(new FileFunctionStore(root).all()).isEmpty();
    }

    @Test
    void callersCannotChangeTheStoredDefinition() {
        FileFunctionStore store = new FileFunctionStore(root);
        Function function = function("public", "default", "echo");
        store.put(function);
        function.getSpec().setReplicas(9);
        store.get(new FunctionRef("public", "default", "echo")).orElseThrow().getSpec().setReplicas(7);

        assertThat(store.get(new FunctionRef("public", "default", "echo")).orElseThrow().getSpec().getReplicas()).isNull();
    }

    @Test
    void theResolvedViewFollowsEveryWriteAndSurvivesReopening() {
        FileFunctionStore store = new FileFunctionStore(root);
        FunctionRef ref = new FunctionRef("public", "default", "echo");
        Function function = function("public", "default", "echo");
        store.put(function);
        assertThat(store.resolve(ref)).hasValueSatisfying(resolved -> assertThat(resolved.fqfn()).isEqualTo("public/default/echo"));

        function.getSpec().setOutput("elsewhere");
        store.put(function);
        assertThat(store.resolve(ref).orElseThrow().output()).isEqualTo("persistent://public/default/elsewhere");
        assertThat(new FileFunctionStore(root).resolve(ref).orElseThrow().output())
                .isEqualTo("persistent://public/default/elsewhere");

        store.delete(ref);
        assertThat(store.resolve(ref)).isEmpty();
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        FileFunctionStore store = new FileFunctionStore(root);
        store.put(function("public", "default", "echo"));
        store.put(function("public", "default", "echo"));

        try (var files = Files.list(root.resolve("public/default"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("echo.yaml");
        }
    }
}
