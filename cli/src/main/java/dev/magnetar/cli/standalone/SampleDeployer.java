package dev.magnetar.cli.standalone;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.cli.http.ControlPlaneHttp;
import dev.magnetar.cli.http.FunctionRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code --samples}: defines every {@code samples/<name>/function.yaml} that is not defined yet,
 * through the admin API like any user would. A sample whose jar is not built is skipped with a warning.
 */
final class SampleDeployer {
    private final AdminClient admin;
    private final PrintWriter out;
    private final Path samplesDir;

    SampleDeployer(ControlPlaneHttp http, PrintWriter out) {
        this(new AdminClient(http), out, Installation.current().samplesDir());
    }

    SampleDeployer(AdminClient admin, PrintWriter out, Path samplesDir) {
        this.admin = admin;
        this.out = out;
        this.samplesDir = samplesDir;
    }

    void deployAll() {
        for (Path file : definitions(samplesDir)) {
            deploy(file);
        }
        out.flush();
    }

    /** Every samples/&lt;name&gt;/function.yaml, in name order. */
    static List<Path> definitions(Path samplesDir) {
        if (!Files.isDirectory(samplesDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(samplesDir)) {
            return dirs.map(dir -> dir.resolve("function.yaml")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot list the samples in " + samplesDir + ": " + e.getMessage(), e);
        }
    }

    /** The sample's definition with its jar made absolute (relative paths are relative to the yaml's folder). */
    static Function load(Path file) {
        Function function = FunctionDocuments.read(file);
        RuntimeSpec runtime = Objects.requireNonNull(function.getSpec().getRuntime(), file + ": spec.runtime is missing");
        Path jar = file.getParent().resolve(runtime.jar()).normalize();
        function.getSpec().setRuntime(new RuntimeSpec(runtime.image(), jar.toString(), runtime.className()));
        return function;
    }

    private void deploy(Path file) {
        String sample = file.getParent().getFileName().toString();
        try {
            Function function = load(file);
            String jar = function.getSpec().getRuntime().jar();
            if (!Files.isRegularFile(Path.of(jar))) {
                out.println("warning: sample " + sample + " skipped: " + jar + " is not built"
                        + " (build it with: mvn -B -q -DskipTests install)");
                return;
            }
            FunctionRef ref = refOf(function);
            if (admin.get(ref).isPresent()) {
                out.println("sample " + ref + " is already defined");
                return;
            }
            admin.create(ref, function);
            out.println("deployed sample " + ref);
        } catch (RuntimeException e) {
            out.println("warning: sample " + sample + " not deployed: " + e.getMessage());
        }
    }

    private static FunctionRef refOf(Function function) {
        String tenant = Objects.requireNonNullElse(function.getSpec().getTenant(), FunctionNames.DEFAULT_TENANT);
        String namespace = Objects.requireNonNullElse(function.getSpec().getNamespace(), FunctionNames.DEFAULT_NAMESPACE);
        return new FunctionRef(tenant, namespace, function.getMetadata().getName());
    }
}
