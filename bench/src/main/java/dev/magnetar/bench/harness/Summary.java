package dev.magnetar.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of a set of measured values (e.g. msgs/s of each repetition). */
public record Summary(double median, double min, double max) {

    /** Summarises the values; the median of an even count is the mean of the two middle values. */
    public static Summary of(List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("cannot summarise no values: run at least one repetition");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return new Summary(median, sorted.get(0), sorted.get(n - 1));
    }

    /** {@code this.median / baseline.median}: above 1 means faster than the baseline. */
    public double ratioTo(Summary baseline) {
        if (baseline.median() <= 0) {
            throw new IllegalArgumentException("baseline median is " + baseline.median() + ": a ratio needs a positive baseline");
        }
        return median / baseline.median();
    }
}
