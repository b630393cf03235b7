package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.store.FunctionRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar path is accepted inside the function's own uploaded jars or an allowed directory, as it really resolves. */
class JarLocationsTest {
    private static final FunctionRef ECHO = new FunctionRef("public", "default", "echo");
    private static final String SHA = "e".repeat(64);

    @TempDir
    Path packagesDir;
    @TempDir
    Path allowed;
    @TempDir
    Path elsewhere;

    JarLocations locations() {
        return new JarLocations(packagesDir, List.of(allowed), true);
    }

    @Test
    void aJarUploadedForTheFunctionOrInAnAllowedDirectoryIsAccepted() throws Exception {
        Path uploaded = Files.createDirectories(packagesDir.resolve("public/default/echo")).resolve(SHA + ".jar");
        Files.writeString(uploaded, "jar");

        assertThat(locations().check(ECHO, echo(uploaded.toString()))).isEmpty();
        assertThat(locations().check(ECHO, echo(allowed.resolve("lib/echo.jar").toString()))).isEmpty();
    }

    @Test
    void aJarElsewhereIsRefusedNamingTheFieldTheValueAndHowToAllowIt() {
        List<Violation> refused = locations().check(ECHO, echo("/etc/passwd"));

        assertThat(refused).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("spec.runtime.jar");
            assertThat(violation.message()).contains("'/etc/passwd'", "is outside", allowed.toString(),
                    "magnetar.admin.allowed-jar-dirs", "upload the jar");
        });
        assertThat(new JarLocations(packagesDir, List.of(), true).check(ECHO, echo("/etc/passwd")))
                .singleElement().satisfies(violation -> assertThat(violation.message()).contains("none are allowed"));
    }

    @Test
    void anotherFunctionsUploadedJarIsNotThisOnes() throws Exception {
        Path theirs = Files.createDirectories(packagesDir.resolve("acme/ops/other")).resolve(SHA + ".jar");
        Files.writeString(theirs, "jar");

        assertThat(locations().check(ECHO, echo(theirs.toString()))).extracting(Violation::field)
                .containsExactly("spec.runtime.jar");
    }

    @Test
    void neitherDotDotNorASymbolicLinkLeadsOut() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.jar"), "not yours");
        Path link = Files.createSymbolicLink(allowed.resolve("link.jar"), secret);
        String dotDot = packagesDir + "/public/default/echo/../../../../" + elsewhere.getFileName() + "/secret.jar";

        assertThat(locations().check(ECHO, echo(allowed + "/../" + elsewhere.getFileName() + "/secret.jar")))
                .hasSize(1);
        assertThat(locations().check(ECHO, echo(dotDot))).hasSize(1);
        assertThat(locations().check(ECHO, echo(link.toString()))).singleElement()
                .satisfies(violation -> assertThat(violation.message()).contains("which is " + secret.toRealPath()));
    }

    @Test
    void whatIsNoFileOfThisMachineIsNotJudged() {
        String pkg = new PulsarPackage(PulsarPackage.topicOf("public", "default", "echo"), SHA).location();

        assertThat(locations().check(ECHO, echo(pkg))).isEmpty();
        assertThat(new JarLocations(packagesDir, List.of(), false).check(ECHO, echo("/app/function.jar")))
                .as("on Kubernetes a path is one inside the image").isEmpty();
        assertThat(new JarLocations(packagesDir, List.of(), false).localFile(echo("/app/function.jar"))).isEmpty();
        assertThat(locations().check(ECHO, echo("relative.jar"))).as("left to the mode's preflight").isEmpty();
    }

    @Test
    void aStoredJarsDigestIsItsNameAndNoOtherFileHasOne() throws Exception {
        Path uploaded = Files.createDirectories(packagesDir.resolve("public/default/echo")).resolve(SHA + ".jar");
        Files.writeString(uploaded, "changed since it was stored");

        assertThat(locations().storedSha256(ECHO, uploaded)).contains(SHA);
        assertThat(locations().storedSha256(ECHO, Files.writeString(allowed.resolve(SHA + ".jar"), "jar"))).isEmpty();
    }

    private static ResolvedFunction echo(String jar) {
        Function function = FunctionDocuments.parse("""
                metadata: {name: echo}
                spec:
                  runtime: {className: a.B, jar: x.jar}
                  inputs: [in]
                """);
        function.getSpec().setRuntime(new RuntimeSpec(null, jar, "a.B"));
        return ResolvedFunction.of(function);
    }
}
