package dev.magnetar.operator.admin;

import io.fabric8.kubernetes.client.KubernetesClient;

/** The Kubernetes namespace the admin API and the gateway use for Function resources. */
final class FunctionNamespace {
    static final String FALLBACK = "default";

    private FunctionNamespace() {
    }

    /** The client's namespace: in a pod its own, else kubeconfig's or {@code KUBERNETES_NAMESPACE}. */
    static String of(KubernetesClient client) {
        return client.getNamespace() == null ? FALLBACK : client.getNamespace();
    }
}
