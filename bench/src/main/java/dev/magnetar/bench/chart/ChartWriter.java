package dev.magnetar.bench.chart;

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
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws {@link Chart}s as PNG files with JFreeChart, headless (no display needed). */
public final class ChartWriter {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;

    private ChartWriter() {
    }

    /** Writes {@code <dir>/<stem>-<chart id>.png} and returns its path. */
    public static Path write(Chart chart, Path dir, String stem) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path file = dir.resolve(stem + "-" + chart.id() + ".png");
        JFreeChart drawn = chart instanceof Chart.Bars bars ? bars(bars) : percentiles((Chart.Percentiles) chart);
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

    /** 1/(1-p): p50 → 2, p90 → 10, p99 → 100, p99.9 → 1000; spreads the tail evenly on a log axis. */
    static double nines(double percentile) {
        double fraction = Math.min(percentile / 100.0, 0.99999);
        return 1.0 / (1.0 - fraction);
    }
}
