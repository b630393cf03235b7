package dev.magnetar.bench.gateway;

import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.FunctionCode;

/** The function the gateway scenarios call: the exclamation sample in {@code public/default}, under a given name. */
final class EchoFunction {
    static final String TENANT = "public";
    static final String NAMESPACE = "default";
    /**
     * Deployed as a latency-minded user would: the default concurrency 1, so the runtime calls this microsecond-cheap
     * synchronous function on its receiving thread instead of handing each message to a worker.
     */
    static final String SETTINGS = "exclamation sample, concurrency 1 (the default), one replica, started by"
            + " the control plane";

    private EchoFunction() {
    }

    /** The Function document deploying it as {@code name}, reading {@link #inputTopic}. */
    static String yaml(BenchContext context, String name) {
        FunctionCode code = FunctionCode.exclamation(context.installation());
        return """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata:
                  name: %s
                spec:
                  tenant: %s
                  namespace: %s
                  runtime:
                    className: %s
                    jar: %s
                  inputs:
                    - %s
                  output: persistent://%s/%s/%s-out
                """.formatted(name, TENANT, NAMESPACE, code.className(), code.jar(), inputTopic(name), TENANT,
                NAMESPACE, name);
    }

    static String inputTopic(String name) {
        return "persistent://" + TENANT + "/" + NAMESPACE + "/" + name + "-in";
    }

    /** The gateway's path calling it. */
    static String gatewayPath(String name) {
        return "/function/" + TENANT + "/" + NAMESPACE + "/" + name;
    }
}
