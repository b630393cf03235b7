package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.TopicNames;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.api.pulsar.PulsarStatusViews.Instance;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.packages.ClusterPackages;
import dev.magnetar.controlplane.packages.FunctionPackages;
import dev.magnetar.controlplane.packages.PackageDistribution;
import dev.magnetar.controlplane.service.FunctionExistsException;
import dev.magnetar.controlplane.service.FunctionNotFoundException;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.controlplane.service.InstanceNotFoundException;
import dev.magnetar.controlplane.service.ReplicaTotals;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.gateway.reply.Reply;
import dev.magnetar.gateway.reply.RequestReplyClient;
import dev.magnetar.gateway.schema.BodyRejectedException;
import dev.magnetar.gateway.schema.InputFormat;
import dev.magnetar.gateway.schema.InputSchemas;
import dev.magnetar.security.replica.ReplicaAccess;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsData;
import org.apache.pulsar.common.policies.data.FunctionStatsImpl;
import org.apache.pulsar.common.policies.data.FunctionStatus;

/**
 * What Pulsar's Functions API asks, in Magnetar's terms: configs become definitions stored by the
 * same {@link FunctionService} the native API and the CLI use, packages are kept by
 * {@link FunctionPackages}, and {@code trigger} goes through the gateway's request/reply path.
 */
@Singleton
public class PulsarFunctionRequests {
    private final FunctionService service;
    private final FunctionPackages packages;
    private final PackageDistribution distribution;
    private final RequestReplyClient requests;
    private final AdminConfig config;
    private final ReplicaTotals totals;
    private final ReplicaAccess access;
    private final ClusterPackages clusterPackages;
    private final InputSchemas schemas;

    public PulsarFunctionRequests(FunctionService service, FunctionPackages packages, PackageDistribution distribution,
                                  RequestReplyClient requests, AdminConfig config, ReplicaTotals totals,
                                  ReplicaAccess access, ClusterPackages clusterPackages, InputSchemas schemas) {
        this.service = service;
        this.schemas = schemas;
        this.packages = packages;
        this.distribution = distribution;
        this.requests = requests;
        this.config = config;
        this.totals = totals;
        this.access = access;
        this.clusterPackages = clusterPackages;
    }

    /** A package: the uploaded jar, or the URL to fetch it from; both absent means none was sent. */
    public record Package(InputStream upload, String url) {
        boolean present() {
            return upload != null || (url != null && !url.isBlank());
        }
    }

    public void create(FunctionRef ref, String configJson, Package pkg) {
        FunctionConfig config = named(ref, PulsarJson.readConfig(configJson));
        if (service.get(ref).isPresent()) {
            throw new FunctionExistsException(ref);
        }
        if (!pkg.present()) {
            throw new PulsarConfigException("data", "no function package was sent: upload the jar as the multipart"
                    + " part 'data', or give its location as the part 'url'");
        }
        String jar = distribution.locate(ref, store(ref, pkg));
        service.create(FunctionConfigMapper.toFunction(config, jar));
        distribution.supersede(ref, jar, null); // a topic left by an earlier function of this name
    }

    /** Fields the update leaves out keep their values, as in Pulsar; without a package the jar stays. */
    public void update(FunctionRef ref, String configJson, Package pkg) {
        Function existing = service.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
        FunctionConfig merged = PulsarJson.merge(FunctionConfigMapper.toConfig(existing),
                named(ref, PulsarJson.readConfig(configJson)));
        Path stored = pkg.present() ? store(ref, pkg) : null;
        String jar = stored != null ? distribution.locate(ref, stored) : existing.getSpec().getRuntime().jar();
        service.update(FunctionConfigMapper.toUpdatedFunction(merged, jar, existing));
        if (stored != null) {
            packages.prune(ref, stored); // every replica runs the new jar now
            distribution.supersede(ref, jar, existing.getSpec().getRuntime() == null ? null
                    : existing.getSpec().getRuntime().jar());
        }
    }

    public FunctionConfig get(FunctionRef ref) {
        return FunctionConfigMapper.toConfig(service.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref)));
    }

    public FunctionStatus status(FunctionRef ref) {
        return PulsarStatusViews.status(instances(ref));
    }

    public FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData status(FunctionRef ref, int instanceId) {
        return PulsarStatusViews.status(List.of(instance(ref, instanceId))).getInstances().get(0).getStatus();
    }

    public FunctionStatsImpl stats(FunctionRef ref) {
        return PulsarStatusViews.stats(instances(ref));
    }

    public FunctionInstanceStatsData stats(FunctionRef ref, int instanceId) {
        return PulsarStatusViews.stats(List.of(instance(ref, instanceId))).getInstances().get(0).getMetrics();
    }

    /**
     * Publishes {@code value} to the input (or {@code topic}, which must be one) and returns the output. On a topic
     * with a schema the value is read as JSON and written in the schema's form (41 for INT32, an object for AVRO).
     */
    public String trigger(FunctionRef ref, byte[] value, String topic) {
        ResolvedFunction function = ResolvedFunction.of(service.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref)));
        if (value == null) {
            throw new PulsarConfigException("data", "no trigger value was sent: give it as the multipart part 'data'"
                    + " (or a file as 'dataStream')");
        }
        String target = triggerTopic(function, topic);
        Duration timeout = Duration.ofMillis(Math.min(function.timeoutMs(), config.triggerTimeout().toMillis()));
        Reply reply;
        try {
            InputFormat format = InputFormat.orNamed(schemas.of(target).get(), function.requestSchemaType());
            // A trigger value is text: JSON for a topic with a schema, as the gateway takes a request body.
            byte[] payload = format.raw() ? value : format.convert(value, "application/json", target);
            reply = requests.call(target, payload, format.raw() ? "text/plain; charset=utf-8" : "application/json",
                    Map.of(), timeout, format.writer()).get();
        } catch (BodyRejectedException e) {
            throw new PulsarConfigException("data", e.getMessage());
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + ref + "'s output", e);
        }
        if (reply.status() != ReplyStatus.OK) {
            throw new PulsarConfigException("data", "the function failed on this value: " + reply.error());
        }
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    private static String triggerTopic(ResolvedFunction function, String topic) {
        if (topic == null || topic.isBlank()) {
            return function.requestTopic().orElseThrow(() -> new PulsarConfigException("topic", "function "
                    + function.fqfn() + " reads a topic pattern: name the input topic to trigger it on"));
        }
        String qualified = TopicNames.qualifyIn(function.tenant(), function.namespace(), topic);
        if (!function.inputs().contains(qualified)) {
            throw new PulsarConfigException("topic", "'" + topic + "' is not an input of function " + function.fqfn()
                    + ": use one of " + function.inputs());
        }
        return qualified;
    }

    /** Each instance with what all its processes counted: the one running now and those before it. */
    private List<Instance> instances(FunctionRef ref) {
        Function definition = service.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
        String fqfn = ref.fqfn();
        String token = access.tokenFor(fqfn);
        List<Instance> current = PulsarStatusViews.instances(definition, service.status(ref), instance -> {
            Optional<ReplicaStatusReport> report = ReplicaReports.read(instance.instanceId(), instance.host(),
                    instance.httpPort(), token);
            report.ifPresent(read -> totals.observe(fqfn, instance.instanceId(), instance.pid(), read));
            return report.orElseGet(() -> ReplicaReports.none(instance.instanceId()));
        });
        return current.stream().map(instance -> new Instance(instance.instanceId(), instance.running(),
                instance.error(), instance.restarts(), totals.total(fqfn, instance.instanceId(), instance.report())))
                .toList();
    }

    private Instance instance(FunctionRef ref, int instanceId) {
        List<Instance> all = instances(ref);
        return all.stream().filter(i -> i.instanceId() == instanceId).findFirst()
                .orElseThrow(() -> new InstanceNotFoundException(ref, instanceId, all.size()));
    }

    private Path store(FunctionRef ref, Package pkg) {
        if (pkg.upload() != null) {
            return packages.store(ref, pkg.upload());
        }
        return ClusterPackages.isPackageUrl(pkg.url()) ? clusterPackages.fetch(ref, pkg.url())
                : packages.fetch(ref, pkg.url());
    }

    /**
     * The URL path names the function; the config may too, and must agree. The path's names are checked first:
     * a package is stored under them before the definition is validated, and {@code ..} must not be a directory.
     */
    static FunctionConfig named(FunctionRef ref, FunctionConfig config) {
        List<Violation> out = new ArrayList<>();
        for (Violation violation : FunctionValidator.validateNames(ref.tenant(), ref.namespace(), ref.name())) {
            String field = violation.field().substring(violation.field().indexOf('.') + 1); // Pulsar's: tenant, name
            out.add(new Violation(field, violation.message()));
        }
        config.setTenant(agree("tenant", config.getTenant(), ref.tenant(), out));
        config.setNamespace(agree("namespace", config.getNamespace(), ref.namespace(), out));
        config.setName(agree("name", config.getName(), ref.name(), out));
        if (!out.isEmpty()) {
            throw new PulsarConfigException(out);
        }
        return config;
    }

    private static String agree(String field, String inConfig, String inPath, List<Violation> out) {
        if (inConfig != null && !inConfig.isBlank() && !inConfig.equals(inPath)) {
            out.add(new Violation(field, "is '" + inConfig + "' but the URL path says '" + inPath
                    + "': make them agree, or leave the field out"));
        }
        return inPath;
    }
}
