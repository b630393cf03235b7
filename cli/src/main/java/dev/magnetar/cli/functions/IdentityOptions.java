package dev.magnetar.cli.functions;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.cli.http.FunctionRef;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** pulsar-admin's {@code --tenant --namespace --name} or {@code --fqfn}; tenant and namespace default to public/default. */
public final class IdentityOptions {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "Pulsar tenant. Default: public")
    String tenant;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "Pulsar namespace. Default: default")
    String namespace;

    @Option(names = "--name", paramLabel = "NAME", description = "Function name")
    String name;

    @Option(names = "--fqfn", paramLabel = "TENANT/NAMESPACE/NAME",
            description = "Fully qualified function name, instead of --tenant, --namespace and --name")
    String fqfn;

    /** Which function the flags name; fails like picocli does when no name is given. */
    public FunctionRef require(CommandSpec command) {
        return resolve(null, command);
    }

    /**
     * The function's identity: flags first, then the document (from {@code --function-config-file} or
     * the stored definition), then Pulsar's defaults.
     */
    public FunctionRef resolve(Function document, CommandSpec command) {
        if (fqfn != null) {
            if (tenant != null || namespace != null || name != null) {
                throw new ParameterException(command.commandLine(),
                        "give either --fqfn or --tenant/--namespace/--name, not both");
            }
            String[] parts = fqfn.split("/", -1);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new ParameterException(command.commandLine(),
                        "Invalid value for option '--fqfn': expected tenant/namespace/name but was '" + fqfn + "'");
            }
            return new FunctionRef(parts[0], parts[1], parts[2]);
        }
        String resolvedName = first(name, document == null ? null : document.getMetadata().getName(), null);
        if (resolvedName == null || resolvedName.isBlank()) {
            throw new ParameterException(command.commandLine(), "Missing required option: '--name=NAME'"
                    + (document == null ? " (or --fqfn)" : " (or --fqfn, or metadata.name in --function-config-file)"));
        }
        String docTenant = document == null ? null : document.getSpec().getTenant();
        String docNamespace = document == null ? null : document.getSpec().getNamespace();
        return new FunctionRef(first(tenant, docTenant, FunctionNames.DEFAULT_TENANT),
                first(namespace, docNamespace, FunctionNames.DEFAULT_NAMESPACE), resolvedName);
    }

    /** Writes the identity into the document, so the body and the URL always agree. */
    public static void stamp(Function document, FunctionRef ref) {
        document.getMetadata().setName(ref.name());
        document.getSpec().setTenant(ref.tenant());
        document.getSpec().setNamespace(ref.namespace());
    }

    private static String first(String flag, String fromDocument, String fallback) {
        if (flag != null) {
            return flag;
        }
        return fromDocument != null ? fromDocument : fallback;
    }
}
