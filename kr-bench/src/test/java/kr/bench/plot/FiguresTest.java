package kr.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import kr.bench.soak.MemorySample;
import kr.bench.soak.SoakBenchmark;
import kr.bench.tsne.ClusterScores;
import kr.bench.tsne.EmbeddingReport;
import kr.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Each figure, from fixed inputs, is a PNG of the documented size with more than the background.
 */
class FiguresTest {
  @TempDir Path dir;

  static BufferedImage readPng(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    return image;
  }

  /** Distinct colours in the image: a blank or one-colour image has 1. */
  static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  static TsneFigure.Panel panel(String name, double shift) {
    double[][] points = new double[30][2];
    int[] labels = new int[30];
    for (int i = 0; i < 30; i++) {
      labels[i] = i % 3;
      points[i][0] = labels[i] * 10 + Math.sin(i) + shift;
      points[i][1] = labels[i] * 5 + Math.cos(i);
    }
    EmbeddingReport report =
        new EmbeddingReport(
            name, 30, new ClusterScores(0.5, 0.1), new ClusterScores(0.9, 0.75), 0.95, 0.4);
    return new TsneFigure.Panel(report, points, labels);
  }

  @Test
  void tsneFigureHasOnePanelPerEmbeddingAndTheirNumbersInTheTitles() throws IOException {
    Path png = dir.resolve("sub/tsne.png");
    TsneFigure.Panel left = panel("static", 0);
    TsneFigure.write(png, List.of(left, panel("KR 4x", 2)));
    BufferedImage image = readPng(png);
    assertThat(image.getWidth()).isEqualTo(2 * TsneFigure.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(TsneFigure.PANEL_HEIGHT);
    assertThat(colours(image)).isGreaterThan(3);
    assertThat(left.title()).isEqualTo("static: 5-NN acc 0.900, silhouette 0.750");
  }

  @Test
  void accuracyFigureHasPaperAndOurSeries() throws IOException {
    Path png = dir.resolve("acc.png");
    List<AccuracyPoint> points = new ArrayList<>(PaperPoints.imagenet());
    points.add(
        new AccuracyPoint(PaperPoints.KR_4X, "ResNet-18", 1.93e9, 71.0, AccuracyPoint.Source.OURS));
    AccuracyFlopsFigure.write(png, points);
    BufferedImage image = readPng(png);
    assertThat(image.getWidth()).isEqualTo(AccuracyFlopsFigure.WIDTH);
    assertThat(image.getHeight()).isEqualTo(AccuracyFlopsFigure.HEIGHT);
    assertThat(AccuracyFlopsFigure.chart(points).getSeriesMap().keySet())
        .containsExactly(
            "Static (paper)",
            "ODConv 4x (paper)",
            "KR 1x (paper)",
            "KR 4x (paper)",
            "KR 4x (ours)");
  }

  @Test
  void paperPointsAreTheTablesRows() {
    List<AccuracyPoint> paper = PaperPoints.imagenet();
    // 9 backbones x (static, KR 1x, KR 4x) + ODConv 4x on all but PoolFormer
    assertThat(paper).hasSize(9 * 3 + 8);
    assertThat(paper)
        .contains(
            new AccuracyPoint("KR 4x", "ViT-Nano", 0.62e9, 73.8, AccuracyPoint.Source.PAPER),
            new AccuracyPoint("Static", "MobileNetV2 0.5", 97e6, 64.3, AccuracyPoint.Source.PAPER));
  }

  @Test
  void curvesFigureFromTwoRuns() throws IOException {
    List<EpochMetrics> a =
        List.of(
            new EpochMetrics(1, 10, 0.1, 1, 2.0, 0.3, 1.9, 0.35, 0.8, 100, 5),
            new EpochMetrics(2, 20, 0.05, 1, 1.5, 0.5, 1.6, 0.45, 0.9, 100, 5));
    List<EpochMetrics> b =
        List.of(new EpochMetrics(1, 10, 0.1, 1, 2.2, 0.2, Double.NaN, 0.25, 0.7, 100, 5));
    Path png = dir.resolve("curves.png");
    TrainingCurvesFigure.write(
        png,
        List.of(new TrainingCurvesFigure.Run("run", a), new TrainingCurvesFigure.Run("run", b)));
    BufferedImage image = readPng(png);
    assertThat(image.getWidth()).isEqualTo(2 * TrainingCurvesFigure.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(TrainingCurvesFigure.PANEL_HEIGHT);
    assertThat(colours(image)).isGreaterThan(3);
  }

  @Test
  void soakFigureShowsSamplesWarmupBoundaryAndFittedLines() throws IOException {
    // RSS 100 + 3·t(min) after a 1-minute warm-up spike; heap flat at 20 MiB.
    List<MemorySample> samples =
        List.of(
            new MemorySample(0, 1, 20, 300, 9),
            new MemorySample(60, 50, 20, 103, 9),
            new MemorySample(120, 100, 20, 106, 9),
            new MemorySample(180, 150, 20, 109, 9));
    SoakBenchmark.Report report = new SoakBenchmark.Report(samples, 150, 9, 60, 3, 0);
    List<XYChart> charts = SoakFigure.charts(report);
    XYChart rss = charts.get(0);
    assertThat(rss.getSeriesMap().keySet())
        .containsExactly("samples", "end of warm-up", "fit after warm-up: +3.00 MB/min");
    XYSeries warm = rss.getSeriesMap().get("end of warm-up");
    assertThat(warm.getXData()).containsExactly(1.0, 1.0);
    assertThat(warm.getYData()).containsExactly(103.0, 300.0);
    XYSeries fit = rss.getSeriesMap().get("fit after warm-up: +3.00 MB/min");
    assertThat(fit.getXData()).containsExactly(1.0, 3.0);
    assertThat(fit.getYData()).containsExactly(new double[] {103, 109}, within(1e-9));
    assertThat(charts.get(1).getSeriesMap()).containsKey("fit after warm-up: +0.00 MB/min");

    Path png = dir.resolve("soak/soak.png");
    SoakFigure.write(png, report);
    BufferedImage image = readPng(png);
    assertThat(image.getWidth()).isEqualTo(2 * SoakFigure.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(SoakFigure.PANEL_HEIGHT);
    assertThat(colours(image)).isGreaterThan(3);
  }

  @Test
  void badPointsNameTheField() {
    assertThatThrownBy(() -> new AccuracyPoint("KR", "x", 0, 50, AccuracyPoint.Source.OURS))
        .hasMessageContaining("flops");
    assertThatThrownBy(() -> new AccuracyPoint("KR", "x", 1e9, 101, AccuracyPoint.Source.OURS))
        .hasMessageContaining("top1");
  }
}
