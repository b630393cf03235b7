package dev.magnetar.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.FakeControlPlane.Request;
import dev.magnetar.cli.FakeControlPlane;
import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.cli.http.ControlPlaneHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code --samples}: which definitions are found, how their jars resolve, what is skipped. */
class SampleDeployerTest {
    @TempDir
    Path dir;

    @Test
    void findsEveryRepositorySampleWithAnAbsoluteJar() {
        Path samples = Installation.current().samplesDir();

        List<Path> files = SampleDeployer.definitions(samples);

        assertThat(files).extracting(file -> file.getParent().getFileName().toString())
                .contains("exclamation", "word-count", "async-enrich");
        for (Path file : files) {
            Function function = SampleDeployer.load(file);
            assertThat(Path.of(function.getSpec().getRuntime().jar()))
                    .isAbsolute()
                    .startsWith(file.getParent());
        }
    }

    @Test
    void createsWhatIsMissingAndSkipsUnbuiltJars() throws IOException {
        writeSample("built", true);
        writeSample("unbuilt", false);
        StringWriter out = new StringWriter();
        try (FakeControlPlane server = new FakeControlPlane()) {
            server.answer("GET", 404, "{\"reason\":\"not found\"}").answer("POST", 200, "{}");

            new SampleDeployer(new AdminClient(new ControlPlaneHttp(server.url())), new PrintWriter(out), dir)
                    .deployAll();

            assertThat(server.requests()).extracting(Request::method, Request::path).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("GET", "/magnetar/v1/functions/public/default/built"),
                    org.assertj.core.groups.Tuple.tuple("POST", "/magnetar/v1/functions/public/default/built"));
            Function sent = FunctionDocuments.parse(server.lastRequest().body());
            assertThat(sent.getSpec().getRuntime().jar()).isEqualTo(dir.resolve("built/target/built.jar").toString());
        }
        assertThat(out.toString()).contains("deployed sample public/default/built")
                .contains("warning: sample unbuilt skipped: " + dir.resolve("unbuilt/target/unbuilt.jar"));
    }

    @Test
    void leavesDefinedSamplesAlone() throws IOException {
        writeSample("built", true);
        StringWriter out = new StringWriter();
        try (FakeControlPlane server = new FakeControlPlane()) {
            server.answer(200, "{\"metadata\":{\"name\":\"built\"}}");

            new SampleDeployer(new AdminClient(new ControlPlaneHttp(server.url())), new PrintWriter(out), dir)
                    .deployAll();

            assertThat(server.requests()).extracting(Request::method).containsExactly("GET");
        }
        assertThat(out.toString()).contains("sample public/default/built is already defined");
    }

    private void writeSample(String name, boolean built) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name).resolve("target")).getParent();
        if (built) {
            Files.writeString(folder.resolve("target/" + name + ".jar"), "jar");
        }
        Files.writeString(folder.resolve("function.yaml"), """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata:
                  name: %s
                spec:
                  runtime:
                    className: a.Fn
                    jar: target/%s.jar
                  inputs: [in]
                """.formatted(name, name));
    }
}
