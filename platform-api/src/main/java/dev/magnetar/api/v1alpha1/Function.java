package dev.magnetar.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A function Magnetar runs: the {@code magnetar.dev/v1alpha1} custom resource. */
@Group(Function.GROUP)
@Version(Function.VERSION)
@Kind("Function")
@Singular("function")
@Plural("functions")
@ShortNames("mfn")
public class Function extends CustomResource<FunctionSpec, FunctionStatus> implements Namespaced {
    public static final String GROUP = "magnetar.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
}
