package dev.magnetar.bridge.provision;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.InitialPosition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.common.policies.data.TenantInfo;
import org.apache.pulsar.common.policies.data.TopicStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TopicProvisioner} on the Pulsar admin API. Every step is "create, and treat 'already
 * exists' as done", so concurrent and repeated calls converge on the same state.
 *
 * <ul>
 *   <li>Tenants and namespaces (the function's and its topics') are created only when
 *       {@code createNamespaces} is on (standalone); a new tenant is allowed on every cluster the
 *       broker knows.</li>
 *   <li>Input, output and dead-letter topics are created non-partitioned when absent; an existing
 *       partitioned topic of the same name is used as is. Non-persistent topics are left to be
 *       created on first use: they hold no data and no durable subscription.</li>
 *   <li>A {@code topicsPattern} input creates nothing: the topics it matches belong to their
 *       producers. Its subscription is created by the consumer, at the initial position.</li>
 *   <li>The subscription is created on every persistent input at the initial position: Earliest
 *       includes what the topic already holds, Latest starts after it. Either way messages
 *       published after {@code ensure} returns are kept for the first replica. An existing
 *       subscription keeps its cursor.</li>
 *   <li>{@link #removeSubscription} forces the deletion: replicas are stopped before it is called,
 *       and a replica that is still being killed must not make the removal fail.</li>
 * </ul>
 */
public class PulsarTopicProvisioner implements TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(PulsarTopicProvisioner.class);

    private final PulsarAdmin admin;
    private final boolean createNamespaces;

    public PulsarTopicProvisioner(PulsarAdmin admin, boolean createNamespaces) {
        this.admin = admin;
        this.createNamespaces = createNamespaces;
    }

    @Override
    public void ensure(ResolvedFunction function) {
        Set<String> topics = topicsToCreate(function);
        if (createNamespaces) {
            Set<String> namespaces = new LinkedHashSet<>();
            namespaces.add(function.tenant() + "/" + function.namespace());
            topics.forEach(topic -> namespaces.add(namespaceOf(topic)));
            namespaces.stream().map(namespace -> namespace.substring(0, namespace.indexOf('/')))
                    .distinct().forEach(this::ensureTenant);
            namespaces.forEach(this::ensureNamespace);
        }
        for (String topic : topics) {
            ensureTopic(topic);
        }
        for (String input : function.inputs()) {
            if (isPersistent(input)) {
                ensureSubscription(input, function.subscriptionName(), function.initialPosition());
            }
        }
        LOG.debug("Provisioned topics of function {}: inputs {}, output {}, dead letters {}, subscription '{}' at {}",
                function.fqfn(), function.inputs(), function.output(), function.deadLetterTopic(),
                function.subscriptionName(), function.initialPosition());
    }

    @Override
    public void removeSubscription(ResolvedFunction function) {
        for (String topic : subscribedTopics(function)) {
            try {
                admin.topics().deleteSubscription(topic, function.subscriptionName(), true);
                LOG.info("Deleted subscription '{}' on {}", function.subscriptionName(), topic);
            } catch (PulsarAdminException.NotFoundException e) {
                LOG.debug("Subscription '{}' on {} was already gone", function.subscriptionName(), topic);
            } catch (PulsarAdminException e) {
                throw new ProvisioningException("delete subscription '" + function.subscriptionName()
                        + "' on topic " + topic, e);
            }
        }
    }

    @Override
    public long backlog(ResolvedFunction function) {
        try {
            long total = 0;
            for (String topic : subscribedTopics(function)) {
                total += subscriptionBacklog(topic, function.subscriptionName());
            }
            return total;
        } catch (PulsarAdminException e) {
            LOG.debug("Backlog of {} unknown: {}", function.fqfn(), e.getMessage());
            return -1;
        }
    }

    /** Inputs, plus the persistent topics the pattern matches now (for removal and backlog). */
    private List<String> subscribedTopics(ResolvedFunction function) {
        List<String> topics = new ArrayList<>(function.inputs());
        if (function.topicsPattern() != null) {
            try {
                Pattern pattern = Pattern.compile(function.topicsPattern());
                admin.topics().getList(function.tenant() + "/" + function.namespace()).stream()
                        .filter(topic -> pattern.matcher(topic).matches() && !topics.contains(topic))
                        .forEach(topics::add);
            } catch (PulsarAdminException e) {
                throw new ProvisioningException("list the topics of namespace " + function.tenant() + "/"
                        + function.namespace() + " to match " + function.topicsPattern(), e);
            }
        }
        return topics.stream().filter(PulsarTopicProvisioner::isPersistent).toList();
    }

    private static Set<String> topicsToCreate(ResolvedFunction function) {
        Set<String> topics = new LinkedHashSet<>(function.inputs());
        if (function.output() != null) {
            topics.add(function.output());
        }
        if (function.logTopic() != null) {
            topics.add(function.logTopic());
        }
        if (function.deadLetterTopic() != null) {
            topics.add(function.deadLetterTopic());
        }
        topics.removeIf(topic -> !isPersistent(topic));
        return topics;
    }

    private void ensureTenant(String tenant) {
        if (exists(() -> admin.tenants().getTenantInfo(tenant) != null, "look up tenant " + tenant)) {
            return;
        }
        createIfAbsent("tenant " + tenant, () -> admin.tenants().getTenants().contains(tenant), () -> {
            Set<String> clusters = Set.copyOf(admin.clusters().getClusters());
            admin.tenants().createTenant(tenant, TenantInfo.builder().allowedClusters(clusters).build());
        });
    }

    private void ensureNamespace(String namespace) {
        if (exists(() -> admin.namespaces().getPolicies(namespace) != null, "look up namespace " + namespace)) {
            return;
        }
        String tenant = namespace.substring(0, namespace.indexOf('/'));
        createIfAbsent("namespace " + namespace, () -> admin.namespaces().getNamespaces(tenant).contains(namespace),
                () -> admin.namespaces().createNamespace(namespace));
    }

    private void ensureTopic(String topic) {
        String namespace = namespaceOf(topic);
        createIfAbsent("topic " + topic, () -> admin.topics().getList(namespace).contains(topic)
                        || admin.topics().getPartitionedTopicList(namespace).contains(topic),
                () -> admin.topics().createNonPartitionedTopic(topic));
    }

    private void ensureSubscription(String topic, String subscription, InitialPosition position) {
        MessageId start = position == InitialPosition.Earliest ? MessageId.earliest : MessageId.latest;
        createIfAbsent("subscription '" + subscription + "' on topic " + topic + " at " + position,
                () -> admin.topics().getSubscriptions(topic).contains(subscription),
                () -> admin.topics().createSubscription(topic, subscription, start));
    }

    /**
     * Creates something, treating "already exists" as success. Concurrent creators make Pulsar answer
     * 409, 412 ("Subscription Busy") or even 500 (metadata version race) to all but one of them, so
     * after any failure the thing is looked up again: if it exists now, another caller made it.
     */
    private void createIfAbsent(String what, AdminCall<Boolean> existsNow, AdminAction create) {
        try {
            create.run();
            LOG.info("Created {}", what);
        } catch (PulsarAdminException.ConflictException e) {
            LOG.debug("{} already exists", what);
        } catch (PulsarAdminException e) {
            if (!exists(existsNow, "look up " + what)) {
                throw new ProvisioningException("create " + what, e);
            }
            LOG.debug("{} was created concurrently ({})", what, e.getMessage());
        }
    }

    private static boolean exists(AdminCall<Boolean> lookup, String action) {
        try {
            return lookup.call();
        } catch (PulsarAdminException.NotFoundException e) {
            return false;
        } catch (PulsarAdminException e) {
            throw new ProvisioningException(action, e);
        }
    }

    /** {@code tenant/namespace} of a fully qualified topic name. */
    private static String namespaceOf(String topic) {
        String path = topic.substring(topic.indexOf("://") + 3);
        return path.substring(0, path.lastIndexOf('/'));
    }

    /** One admin API lookup; {@link PulsarAdminException} is how it reports failure. */
    @FunctionalInterface
    private interface AdminCall<T> {
        T call() throws PulsarAdminException;
    }

    @FunctionalInterface
    private interface AdminAction {
        void run() throws PulsarAdminException;
    }

    private static boolean isPersistent(String topic) {
        return !topic.startsWith("non-persistent://");
    }

    /** Backlog of one subscription on a non-partitioned or partitioned topic; 0 when it has none. */
    private long subscriptionBacklog(String topic, String subscription) throws PulsarAdminException {
        TopicStats stats;
        try {
            stats = admin.topics().getStats(topic);
        } catch (PulsarAdminException.NotFoundException e) {
            try {
                stats = admin.topics().getPartitionedStats(topic, false);
            } catch (PulsarAdminException.NotFoundException absent) {
                return 0;
            }
        }
        var sub = stats.getSubscriptions().get(subscription);
        return sub == null ? 0 : sub.getMsgBacklog();
    }
}
