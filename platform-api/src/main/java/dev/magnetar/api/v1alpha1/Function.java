package dev.magnetar.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DESIRED", jsonPath = ".status.desiredReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "CURRENT", jsonPath = ".status.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "INPUT", jsonPath = ".spec.inputs[0]", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "BACKLOG", jsonPath = ".status.backlog", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Function extends CustomResource<FunctionSpec, FunctionStatus> implements Namespaced {
    public static final String GROUP = "magnetar.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
}
