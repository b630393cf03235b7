package dev.magnetar.controlplane.api.pulsar.examples;

import static dev.magnetar.controlplane.api.pulsar.examples.Example.PACKAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.functions.WindowConfig;

/**
 * The window examples: {@code java.util.function.Function}s of a collection and {@code WindowFunction}s, each given
 * the {@code windowConfig} a Pulsar user gives it (a tumbling window of a few messages unless it is about time).
 */
final class WindowExamples {
    private WindowExamples() {
    }

    static List<Example> all() {
        return List.of(
                new Example(PACKAGE + "AddWindowFunction", countWindow(3),
                        run -> run.send(Schema.INT32, 1, 2, 3, 10, 20, 30),
                        run -> assertThat(run.values(run.output(), Schema.JSON(Integer.class), 2)).containsExactly(6, 60))
                        .producedWith(Schema.INT32),
                new Example(PACKAGE + "window.ContextWindowFunction", countWindow(3),
                        run -> run.send(Schema.INT32, 1, 2, 3),
                        run -> assertThat(run.values(run.output(), Schema.JSON(Integer.class), 1)).containsExactly(6))
                        .producedWith(Schema.INT32),
                new Example(PACKAGE + "CommaWindowFunction", countWindow(3),
                        run -> run.send(Schema.STRING, "a", "b", "c"),
                        run -> assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("a,b,c")),
                new Example(PACKAGE + "WindowDurationFunction",
                        config -> config.setWindowConfig(new WindowConfig().setWindowLengthDurationMs(1000L)),
                        run -> run.send(Schema.STRING, "a", "b"), WindowExamples::timedWindowsHoldEverything),
                new Example(PACKAGE + "window.UserConfigWindowFunction",
                        countWindow(2).andThen(ContextExamples.userConfig("WhatToWrite", "per window")),
                        run -> run.send(Schema.STRING, "a", "b"),
                        run -> assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("per window")),
                new Example(PACKAGE + "window.PublishWindowFunction",
                        countWindow(2).andThen(ContextExamples.publishTo("publish-topic")),
                        run -> run.send(Schema.STRING, "a", "b"),
                        // The window's records as Collection.toString shows them: not the same text as Pulsar's.
                        run -> assertThat(run.values(run.side(), Schema.STRING, 1).get(0)).startsWith("[").endsWith("]!")),
                new Example(PACKAGE + "window.LoggingWindowFunction",
                        countWindow(2).andThen(ContextExamples::logTopic),
                        run -> run.send(Schema.STRING, "a", "b"),
                        run -> assertThat(run.logLinesUntil("-window-log"))
                                .anySatisfy(line -> assertThat(line).endsWith("-window-log"))),
                new Example(PACKAGE + "window.UserExceptionWindowFunction", countWindow(2),
                        run -> run.send(Schema.STRING, "a", "b"),
                        run -> {
                            assertThat(run.awaitUserException()).contains("This wont work");
                            // As in Pulsar: "a" was taken into the window (processed), "b" made it fire and fail.
                            assertThat(run.processed()).isEqualTo(1);
                        }),
                new Example(PACKAGE + "window.UserMetricWindowFunction", countWindow(2),
                        run -> {
                            run.send(Schema.STRING, "a", m -> m.eventTime(1000L));
                            run.send(Schema.STRING, "b", m -> m.eventTime(2000L));
                        },
                        run -> {
                            run.awaitUserMetric("MessageEventTime", 3000, 2);
                            run.assertNoMoreThan(run.output(), 0);
                        }),
                new Example(PACKAGE + "window.WordCountWindowFunction", countWindow(2),
                        run -> run.send(Schema.STRING, "apple.banana", "apple"), run -> {
                            run.awaitCounter("apple", 2);
                            run.awaitCounter("banana", 1);
                        }));
    }

    private static Consumer<FunctionConfig> countWindow(int length) {
        return config -> config.setWindowConfig(new WindowConfig().setWindowLengthCount(length));
    }

    /** Each output is {@code <values joined by commas>:<time>}; together they hold each value once. */
    private static void timedWindowsHoldEverything(ExampleRun run) throws Exception {
        Set<String> seen = new HashSet<>();
        run.receiveUntil(run.output(), Schema.STRING, got -> {
            seen.clear();
            got.forEach(m -> {
                assertThat(m.getValue()).matches("[a-z,]*:\\d{13}");
                String values = m.getValue().substring(0, m.getValue().indexOf(':'));
                if (!values.isEmpty()) {
                    seen.addAll(Arrays.asList(values.split(",")));
                }
            });
            return seen.containsAll(Set.of("a", "b"));
        });
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }
}
