package dev.magnetar.bench.chart;

import java.util.Map;

/** A chart a scenario asks for; {@link ChartWriter} draws it as a PNG next to the JSON results. */
public sealed interface Chart {

    /** Short name used in the file name, e.g. "throughput" → {@code <stem>-throughput.png}. */
    String id();

    String title();

    /**
     * Bars, one per key in order (e.g. median msgs/s per variant).
     *
     * @param valueAxis label of the value axis, with its unit
     */
    record Bars(String id, String title, String valueAxis, Map<String, Double> values) implements Chart {
    }

    /**
     * Latency percentile curves: one series per key, each a list of (percentile, milliseconds) points.
     * The x axis is drawn as "nines" (log of 1/(1-p)) so the tail is readable.
     */
    record Percentiles(String id, String title, Map<String, double[][]> curves) implements Chart {
    }

    /**
     * Quantities over time on two value axes: {@code values} as lines on the left (e.g. a backlog), {@code counts} as
     * steps on the right (e.g. replicas), which change in whole units at one moment.
     *
     * @param timeAxis label of the shared x axis, with its unit
     */
    record Timeline(String id, String title, String timeAxis, Axis values, Axis counts) implements Chart {
    }

    /**
     * One value axis of a {@link Timeline}: its label and its series, each a list of (time, value) points.
     */
    record Axis(String label, Map<String, double[][]> series) {
    }
}
