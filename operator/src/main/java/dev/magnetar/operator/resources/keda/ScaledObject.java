package dev.magnetar.operator.resources.keda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KEDA's {@code keda.sh/v1alpha1} ScaledObject: the part of it the operator writes. KEDA installs its CRD; Magnetar
 * only makes objects of it.
 */
@Group(ScaledObject.GROUP)
@Version(ScaledObject.VERSION)
@Kind(ScaledObject.KIND)
@Plural("scaledobjects")
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaledObject extends CustomResource<ScaledObjectSpec, ScaledObjectStatus> implements Namespaced {
    public static final String GROUP = "keda.sh";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "ScaledObject";
    /** The CRD KEDA installs: {@code kubectl get crd} shows it when KEDA is there. */
    public static final String CRD_NAME = "scaledobjects." + GROUP;
}
