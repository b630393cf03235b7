package dev.magnetar.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartWriterTest {

    @Test
    void barsBecomeAPngNamedAfterTheStemAndChartId(@TempDir Path dir) throws Exception {
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("BASELINE", 100.0);
        bars.put("MAGNETAR", 50.0);
        Path file = ChartWriter.write(new Chart.Bars("throughput", "t", "msgs/s", bars), dir, "throughput-1");
        assertThat(file).isEqualTo(dir.resolve("throughput-1-throughput.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(ChartWriter.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartWriter.HEIGHT);
    }

    @Test
    void percentileCurvesBecomeAPng(@TempDir Path dir) throws Exception {
        Map<String, double[][]> curves = Map.of("BASELINE", new double[][] {{0, 1}, {50, 2}, {99.9, 8}});
        Path file = ChartWriter.write(new Chart.Percentiles("latency-100", "t", curves), dir, "pipe");
        assertThat(ImageIO.read(file.toFile())).isNotNull();
    }

    @Test
    void aTimelineWithValuesAndCountsBecomesAPng(@TempDir Path dir) throws Exception {
        Chart.Axis backlog = new Chart.Axis("messages", Map.of("backlog", new double[][] {{0, 0}, {1, 40_000}, {9, 0}}));
        Chart.Axis replicas = new Chart.Axis("replicas", Map.of("replicas", new double[][] {{0, 1}, {1.2, 4}, {12, 1}}));
        Path file = ChartWriter.write(new Chart.Timeline("timeline", "t", "seconds", backlog, replicas), dir, "burst");
        assertThat(file).isEqualTo(dir.resolve("burst-timeline.png"));
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(ChartWriter.WIDTH);
    }

    @Test
    void ninesSpreadTheTail() {
        assertThat(ChartWriter.nines(0)).isEqualTo(1.0);
        assertThat(ChartWriter.nines(90)).isCloseTo(10, within(1e-9));
        assertThat(ChartWriter.nines(99.9)).isCloseTo(1000, within(1e-6));
        assertThat(ChartWriter.nines(100)).isCloseTo(100_000, within(1e-3));
    }
}
