package kr.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import kr.core.graph.Checks;
import kr.train.EpochMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves of one or more runs: loss per epoch (train solid, test dashed) on the left and
 * top-1 per epoch in percent (train solid, test dashed) on the right, one colour per run.
 */
public final class TrainingCurvesFigure {
  public static final int PANEL_WIDTH = 640;
  public static final int PANEL_HEIGHT = 480;

  private TrainingCurvesFigure() {}

  /**
   * One run's curves.
   *
   * @param name legend name (e.g. the run directory's name)
   * @param epochs its epochs, in order
   */
  public record Run(String name, List<EpochMetrics> epochs) {
    public Run {
      Checks.notNull("name", name);
      Checks.check(!epochs.isEmpty(), "epochs of " + name, epochs.size(), "must not be empty");
      epochs = List.copyOf(epochs);
    }

    /** The run in {@code dir}, named by the directory. */
    public static Run read(Path dir) {
      Path name = dir.toAbsolutePath().normalize().getFileName();
      return new Run(name == null ? dir.toString() : name.toString(), MetricsLog.read(dir));
    }
  }

  /** Writes the figure ({@code 2 × PANEL_WIDTH} by {@code PANEL_HEIGHT}). */
  public static void write(Path out, List<Run> runs) {
    Checks.check(!runs.isEmpty(), "runs", runs.size(), "must not be empty");
    XYChart loss = chart("Loss", "loss");
    XYChart top1 = chart("Top-1", "top-1 (%)");
    Set<String> names = new HashSet<>();
    for (int r = 0; r < runs.size(); r++) {
      Run run = runs.get(r);
      String name = names.add(run.name()) ? run.name() : run.name() + " #" + (r + 1);
      double[] epoch = column(run.epochs(), EpochMetrics::epoch);
      double[][] values = {
        column(run.epochs(), EpochMetrics::trainLoss),
        column(run.epochs(), EpochMetrics::testLoss),
        column(run.epochs(), m -> 100 * m.trainTop1()),
        column(run.epochs(), m -> 100 * m.testTop1())
      };
      String prefix = runs.size() == 1 ? "" : name + " ";
      add(loss, prefix + "train", epoch, values[0], r, false);
      add(loss, prefix + "test", epoch, values[1], r, true);
      add(top1, prefix + "train", epoch, values[2], r, false);
      add(top1, prefix + "test", epoch, values[3], r, true);
    }
    Png.write(out, List.of(loss, top1), PANEL_WIDTH, PANEL_HEIGHT);
  }

  /** One field of every epoch, in order. */
  static double[] column(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> field) {
    return epochs.stream().mapToDouble(field).toArray();
  }

  private static XYChart chart(String title, String yAxis) {
    return epochChart(title, yAxis, PANEL_WIDTH, PANEL_HEIGHT);
  }

  /** An empty line chart of a value per epoch, on white, with markers. */
  static XYChart epochChart(String title, String yAxis, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(5);
    return chart;
  }

  private static void add(
      XYChart chart, String name, double[] x, double[] y, int run, boolean dashed) {
    addLine(chart, name, x, y, run, dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
  }

  /** Adds a line in the palette's colour {@code colour}, with circle markers. */
  static void addLine(
      XYChart chart, String name, double[] x, double[] y, int colour, BasicStroke line) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(Palette.color(colour));
    s.setMarkerColor(Palette.color(colour));
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setLineStyle(line);
  }
}
