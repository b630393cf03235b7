package dev.magnetar.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws {@link Chart}s as PNG files with JFreeChart, headless (no display needed). */
public final class ChartWriter {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    private static final Color[] COUNT_COLOURS = {new Color(40, 40, 40), new Color(230, 120, 0), new Color(0, 140, 60)};

    private ChartWriter() {
    }

    /** Writes {@code <dir>/<stem>-<chart id>.png} and returns its path. */
    public static Path write(Chart chart, Path dir, String stem) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path file = dir.resolve(stem + "-" + chart.id() + ".png");
        JFreeChart drawn;
        if (chart instanceof Chart.Bars bars) {
            drawn = bars(bars);
        } else if (chart instanceof Chart.Timeline timeline) {
            drawn = timeline(timeline);
        } else {
            drawn = percentiles((Chart.Percentiles) chart);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), drawn, WIDTH, HEIGHT);
        return file;
    }

    private static JFreeChart bars(Chart.Bars chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        chart.values().forEach((name, value) -> data.addValue(value, chart.valueAxis(), name));
        return ChartFactory.createBarChart(chart.title(), "", chart.valueAxis(), data, PlotOrientation.VERTICAL,
                false, false, false);
    }

    private static JFreeChart percentiles(Chart.Percentiles chart) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> curve : chart.curves().entrySet()) {
            XYSeries series = new XYSeries(curve.getKey());
            for (double[] point : curve.getValue()) {
                series.add(nines(point[0]), point[1]);
            }
            data.addSeries(series);
        }
        JFreeChart drawn = ChartFactory.createXYLineChart(chart.title(), "percentile", "latency (ms)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = drawn.getXYPlot();
        LogAxis x = new LogAxis("percentile (1 = p0, 10 = p90, 100 = p99, 1000 = p99.9)");
        x.setBase(10);
        x.setSmallestValue(1);
        // One tick per decade (1, 10, 100, 1,000), printed as plain numbers.
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setDomainAxis(x);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return drawn;
    }

    private static JFreeChart timeline(Chart.Timeline chart) {
        JFreeChart drawn = ChartFactory.createXYLineChart(chart.title(), chart.timeAxis(), chart.values().label(),
                series(chart.values()), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = drawn.getXYPlot();
        plot.getRenderer().setDefaultStroke(new BasicStroke(2f));
        ((XYLineAndShapeRenderer) plot.getRenderer()).setAutoPopulateSeriesStroke(false);
        NumberAxis counts = new NumberAxis(chart.counts().label());
        // Replicas are whole numbers: ticks at 0, 1, 2, ... and a little room above the highest.
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        counts.setUpperMargin(0.15);
        counts.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, counts);
        plot.setDataset(1, series(chart.counts()));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, steps(chart.counts().series().size()));
        // First series first, so each thinner step line is drawn over the wider one before it.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return drawn;
    }

    /**
     * Counts often coincide (replicas wanted and running), so each step line is thinner than the one before and stays
     * visible inside it; the colours are dark enough for the grey plot background.
     */
    private static XYStepRenderer steps(int series) {
        XYStepRenderer steps = new XYStepRenderer();
        for (int i = 0; i < series; i++) {
            steps.setSeriesStroke(i, new BasicStroke(Math.max(1.5f, 6f - 2f * i)));
            steps.setSeriesPaint(i, COUNT_COLOURS[i % COUNT_COLOURS.length]);
        }
        return steps;
    }

    private static XYSeriesCollection series(Chart.Axis axis) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> line : axis.series().entrySet()) {
            XYSeries series = new XYSeries(line.getKey(), false);
            for (double[] point : line.getValue()) {
                series.add(point[0], point[1]);
            }
            data.addSeries(series);
        }
        return data;
    }

    /** 1/(1-p): p50 → 2, p90 → 10, p99 → 100, p99.9 → 1000; spreads the tail evenly on a log axis. */
    static double nines(double percentile) {
        double fraction = Math.min(percentile / 100.0, 0.99999);
        return 1.0 / (1.0 - fraction);
    }
}
