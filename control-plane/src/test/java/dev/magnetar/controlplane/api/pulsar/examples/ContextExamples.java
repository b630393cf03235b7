package dev.magnetar.controlplane.api.pulsar.examples;

import static dev.magnetar.controlplane.api.pulsar.examples.Example.PACKAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * The examples on string topics: plain results, user config, the context's publish, records and message builders,
 * logging to a log topic, user exceptions, state counters, the admin client and asynchronous results.
 */
final class ContextExamples {
    private static final String TOPIC_NAME = "persistent://public/default/";

    private ContextExamples() {
    }

    static List<Example> all() {
        return List.of(
                exclaims("ExclamationFunction", "hello!"),
                exclaims("JavaNativeExclamationFunction", "hello!"),
                exclaims("JavaNativeAsyncExclamationFunction", "hello-!!"),
                exclaims("InstanceIdAppenderFunction", "hello0"),
                new Example(PACKAGE + "HostAppenderFunction", config -> { }, ContextExamples::hello,
                        run -> assertThat(run.values(run.output(), Schema.STRING, 1))
                                .containsExactly("hello" + InetAddress.getLocalHost().getHostName())),
                new Example(PACKAGE + "UserConfigFunction", userConfig("WhatToWrite", "written from user config"),
                        ContextExamples::hello,
                        run -> assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("written from user config")),
                new Example(PACKAGE + "ConfigBasedAppendFunction", userConfig("config-key", "?"),
                        ContextExamples::hello,
                        run -> assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("hello?")),
                new Example(PACKAGE + "LoggingFunction", ContextExamples::logTopic, ContextExamples::hello, run -> {
                    assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("hello!");
                    assertThat(logLines(run)).anySatisfy(line -> assertThat(line).isEqualTo("hello-log"));
                }),
                new Example(PACKAGE + "ContextFunction", ContextExamples::logTopic, ContextExamples::hello,
                        run -> assertThat(logLines(run)).anySatisfy(line -> assertThat(line)
                                .startsWith("A message with a value of \"hello\" has arrived on one of the following topics: "
                                        + run.input()))),
                new Example(PACKAGE + "AsyncContextFunction", ContextExamples::logTopic, ContextExamples::hello, run -> {
                    assertThat(logLines(run)).anySatisfy(line -> assertThat(line)
                            .startsWith("A message with value of \"hello\" has arrived on one of the following topics: "
                                    + run.input()));
                    run.awaitUserMetric("function-" + run.name() + "-messages-received", 1, 1);
                    run.awaitProcessed(1);
                    run.assertNoMoreThan(run.output(), 0);
                }),
                new Example(PACKAGE + "VoidFunction", config -> { }, ContextExamples::hello, run -> {
                    run.awaitProcessed(1);
                    run.assertNoMoreThan(run.output(), 0);
                }),
                new Example(PACKAGE + "UserMetricFunction", config -> { }, ContextExamples::hello, run -> {
                    run.awaitUserMetric("LetterCount", 5, 1);
                    run.awaitProcessed(1);
                    run.assertNoMoreThan(run.output(), 0);
                }),
                new Example(PACKAGE + "UserExceptionFunction", config -> { }, ContextExamples::hello,
                        run -> assertThat(run.awaitUserException()).contains("This wont work")),
                new Example(PACKAGE + "ConsistentlyFailingFunction", ContextExamples::deadLetters,
                        run -> run.send(Schema.STRING, "FAIL", "fine"), run -> {
                            assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("SUCCESS");
                            assertThat(run.values(run.side(), Schema.STRING, 1)).containsExactly("FAIL");
                            assertThat(run.awaitUserException()).contains("Failed");
                        }),
                new Example(PACKAGE + "WordCountFunction", config -> { },
                        run -> run.send(Schema.STRING, "apple banana apple", "cherry apple"), run -> {
                            run.awaitCounter("apple", 3);
                            run.awaitCounter("banana", 1);
                            run.awaitCounter("cherry", 1);
                        }),
                new Example(PACKAGE + "PublishFunction", publishTo("publish-topic"), ContextExamples::hello,
                        run -> assertThat(run.values(run.side(), Schema.STRING, 1)).containsExactly("hello!")),
                new Example(PACKAGE + "UserPublishFunction", publishTo("topic"), ContextExamples::hello,
                        run -> assertThat(new String(run.values(run.side(), Schema.BYTES, 1).get(0))).isEqualTo("hello")),
                new Example(PACKAGE + "TypedMessageBuilderPublish", publishTo("publish-topic"),
                        ContextExamples::helloWithKey, ContextExamples::publishedWithKeyAndProperties),
                new Example(PACKAGE + "InitializableFunction", publishTo("publish-topic"),
                        ContextExamples::helloWithKey, ContextExamples::publishedWithKeyAndProperties),
                new Example(PACKAGE + "RecordFunction", publishTo("publish-topic").andThen(config -> config.setOutput(null)),
                        ContextExamples::helloWithKey, run -> {
                            Message<String> out = run.receive(run.side(), Schema.STRING, 1).get(0);
                            assertThat(out.getValue()).isEqualTo("hello!");
                            assertThat(out.getProperties()).containsEntry("input_topic", run.input())
                                    .containsEntry("origin", "test");
                        }),
                new Example(PACKAGE + "CursorManagementFunction", config -> { }, ContextExamples::hello, run -> {
                    assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("reset cursor successfully");
                    // It rewinds its own subscription to 1970: whether the input is read again races with its ack,
                    // as on Pulsar. Deleted at once, so that it does not go on.
                    run.admin().functions().deleteFunction("public", "default", run.name());
                }));
    }

    private static Example exclaims(String simpleName, String expected) {
        return new Example(PACKAGE + simpleName, config -> { }, ContextExamples::hello,
                run -> assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly(expected));
    }

    private static void hello(ExampleRun run) throws Exception {
        run.send(Schema.STRING, "hello");
    }

    private static void helloWithKey(ExampleRun run) throws Exception {
        run.send(Schema.STRING, "hello", m -> m.key("k1").property("origin", "test"));
    }

    private static void publishedWithKeyAndProperties(ExampleRun run) throws Exception {
        Message<String> out = run.receive(run.side(), Schema.STRING, 1).get(0);
        assertThat(out.getValue()).isEqualTo("hello!");
        assertThat(out.getKey()).isEqualTo("k1");
        assertThat(out.getProperties()).containsEntry("input_topic", run.input()).containsEntry("origin", "test");
        assertThat(out.getEventTime()).isPositive();
    }

    private static List<String> logLines(ExampleRun run) throws Exception {
        return run.logLinesUntil("hello");
    }

    static java.util.function.Consumer<FunctionConfig> userConfig(String key, Object value) {
        return config -> config.setUserConfig(Map.of(key, value));
    }

    /** The side topic is where the example publishes, named in the user config key it reads. */
    static java.util.function.Consumer<FunctionConfig> publishTo(String key) {
        return config -> config.setUserConfig(Map.of(key, sideOf(config)));
    }

    static void logTopic(FunctionConfig config) {
        config.setLogTopic(sideOf(config));
    }

    private static void deadLetters(FunctionConfig config) {
        config.setMaxMessageRetries(1);
        config.setDeadLetterTopic(sideOf(config));
    }

    /** Each example's side topic: its input topic's name with {@code -side} in place of {@code -in}. */
    static String sideOf(FunctionConfig config) {
        String input = config.getInputs() != null ? config.getInputs().iterator().next()
                : config.getCustomSerdeInputs().keySet().iterator().next();
        assertThat(input).startsWith(TOPIC_NAME);
        return input.replace("-in-", "-side-");
    }
}
