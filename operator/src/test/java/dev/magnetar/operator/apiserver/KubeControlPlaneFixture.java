package dev.magnetar.operator.apiserver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@link KubeControlPlane} for a test class, with the namespace its tests use. When the binaries are
 * missing (and may not be built) every test is reported as skipped, with the reason.
 */
public final class KubeControlPlaneFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final String namespace;
    private String missingBinaries;
    private KubeControlPlane controlPlane;
    private KubernetesClient client;

    public KubeControlPlaneFixture(String namespace) {
        this.namespace = namespace;
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        missingBinaries = KubeControlPlane.missingBinaries().orElse(null);
        if (missingBinaries == null) {
            controlPlane = KubeControlPlane.start(context.getRequiredTestClass().getSimpleName());
            client = controlPlane.newClient();
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
    }

    /** Here rather than in beforeAll, so that the tests are reported as skipped. */
    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(missingBinaries == null, missingBinaries);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }
}
