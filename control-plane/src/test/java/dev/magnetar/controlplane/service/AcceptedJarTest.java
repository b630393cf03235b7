package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.store.FileFunctionStore;
import dev.magnetar.controlplane.testing.AcceptingReplicas;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.controlplane.testing.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar of a definition the service accepts: it must lie where this control plane reads jars from, on create
 * and on an update that changes it, and its digest is recorded with the definition for the replicas to check.
 */
class AcceptedJarTest {
    private static final FunctionRef ECHO = new FunctionRef("public", "default", "echo");

    @TempDir
    Path dir;
    @TempDir
    Path jars;
    final AcceptingReplicas replicas = new AcceptingReplicas();
    FileFunctionStore store;
    FunctionService service;
    Path jar;

    @BeforeEach
    void setUp() {
        store = new FileFunctionStore(dir.resolve("functions"));
        service = new FunctionService(store, function -> 0, replicas,
                new JarLocations(dir.resolve("packages"), List.of(jars), true));
        jar = TestJars.jar(jars, "echo.jar", Map.of("fn.Echo", "package fn; public class Echo implements"
                + " java.util.function.Function<String, String> { public String apply(String in) { return in; } }"));
    }

    @Test
    void aJarOutsideIsRefusedBeforeTheModeLooksAtItAndNothingIsStored() {
        assertThatThrownBy(() -> service.create(echo("/etc/passwd"))).isInstanceOfSatisfying(InvalidFunctionException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("spec.runtime.jar");
                    assertThat(violation.message()).contains("/etc/passwd", "magnetar.admin.allowed-jar-dirs");
                }));
        assertThat(replicas.preflightedJars()).as("nothing is said of what lies there").isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void anUpdateToAJarOutsideKeepsTheAcceptedDefinition() {
        service.create(echo(jar.toString()));

        assertThatThrownBy(() -> service.update(echo(dir.resolve("functions/../../elsewhere.jar").toString())))
                .isInstanceOf(InvalidFunctionException.class).hasMessageContaining("spec.runtime.jar");
        assertThat(store.get(ECHO).orElseThrow().getSpec().getRuntime().jar()).isEqualTo(jar.toString());
    }

    @Test
    void theAcceptedJarsDigestIsRecordedAndAnUpdateTakesItAgain() throws Exception {
        service.create(echo(jar.toString()));
        assertThat(store.get(ECHO).orElseThrow().getStatus().getPackageSha256()).isEqualTo(sha256(jar));
        assertThat(service.status(ECHO).packageSha256()).isEqualTo(sha256(jar));

        Files.writeString(jar, "rebuilt", StandardOpenOption.APPEND);
        assertThat(store.get(ECHO).orElseThrow().getStatus().getPackageSha256()).as("until it is accepted again")
                .isNotEqualTo(sha256(jar));
        service.update(echo(jar.toString()));

        assertThat(store.get(ECHO).orElseThrow().getStatus().getPackageSha256()).isEqualTo(sha256(jar));
    }

    @Test
    void aDigestTheCallerSendsIsNotTaken() throws Exception {
        Function claimed = echo(jar.toString());
        claimed.getStatus().setPackageSha256("0".repeat(64));

        service.create(claimed);

        assertThat(store.get(ECHO).orElseThrow().getStatus().getPackageSha256()).isEqualTo(sha256(jar));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Function echo(String jar) {
        Function function = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: echo}
                spec:
                  tenant: public
                  namespace: default
                  runtime: {className: fn.Echo, jar: x.jar}
                  inputs: [in]
                status: {}
                """);
        function.getSpec().setRuntime(new RuntimeSpec(null, jar, "fn.Echo"));
        return function;
    }
}
