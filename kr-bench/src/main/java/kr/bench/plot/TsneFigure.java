package kr.bench.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kr.bench.tsne.ClusterQuality;
import kr.bench.tsne.EmbeddingReport;
import kr.core.graph.Checks;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Side-by-side scatter plots of t-SNE layouts coloured by class, each titled with its cluster
 * numbers, as Fig. 1b/1c of the paper (features of a static model next to its KR counterpart).
 */
public final class TsneFigure {
  /** Pixels of one panel. */
  public static final int PANEL_WIDTH = 640;

  public static final int PANEL_HEIGHT = 600;

  private TsneFigure() {}

  /**
   * One panel.
   *
   * @param report its title's numbers ({@link EmbeddingReport#name()} and the embedding's scores)
   * @param points {@code n × 2} layout
   * @param labels class of each point, {@code >= 0}
   */
  public record Panel(EmbeddingReport report, double[][] points, int[] labels) {
    public Panel {
      Checks.notNull("report", report);
      Checks.notNull("points", points);
      Checks.notNull("labels", labels);
      Checks.check(
          points.length == labels.length,
          "labels.length",
          labels.length,
          "must equal the number of points " + points.length);
      for (int i = 0; i < points.length; i++) {
        Checks.check(
            points[i].length == 2,
            "points[" + i + "].length",
            points[i].length,
            "must be 2 (a 2-D layout)");
      }
    }

    /** {@code name: 5-NN acc 0.912, silhouette 0.415}. */
    public String title() {
      return String.format(
          Locale.ROOT,
          "%s: %d-NN acc %.3f, silhouette %.3f",
          report.name(),
          ClusterQuality.K,
          report.embedding().knnAccuracy(),
          report.embedding().silhouette());
    }
  }

  /** Writes the panels left to right ({@code panels × PANEL_WIDTH} by {@code PANEL_HEIGHT}). */
  public static void write(Path out, List<Panel> panels) {
    Checks.check(!panels.isEmpty(), "panels", panels.size(), "must not be empty");
    List<XYChart> charts = new ArrayList<>();
    for (Panel p : panels) {
      charts.add(chart(p));
    }
    Png.write(out, charts, PANEL_WIDTH, PANEL_HEIGHT);
  }

  /** Writes rows of panels top to bottom (e.g. one row per model, one column per layer). */
  public static void writeGrid(Path out, List<List<Panel>> rows) {
    Checks.check(!rows.isEmpty(), "panel rows", rows.size(), "must not be empty");
    List<List<XYChart>> charts = new ArrayList<>();
    for (List<Panel> row : rows) {
      charts.add(row.stream().map(TsneFigure::chart).toList());
    }
    Png.writeGrid(out, charts, PANEL_WIDTH, PANEL_HEIGHT);
  }

  static XYChart chart(Panel panel) {
    XYChart chart =
        new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(panel.title()).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setAxisTicksVisible(false);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    int classes = 0;
    for (int label : panel.labels()) {
      Checks.nonNegative("label", label);
      classes = Math.max(classes, label + 1);
    }
    int[] counts = new int[classes];
    for (int label : panel.labels()) {
      counts[label]++;
    }
    for (int c = 0; c < classes; c++) {
      if (counts[c] == 0) {
        continue;
      }
      double[] xs = new double[counts[c]];
      double[] ys = new double[counts[c]];
      for (int i = 0, k = 0; i < panel.labels().length; i++) {
        if (panel.labels()[i] == c) {
          xs[k] = panel.points()[i][0];
          ys[k++] = panel.points()[i][1];
        }
      }
      XYSeries s = chart.addSeries("class " + c, xs, ys);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Palette.color(c));
    }
    return chart;
  }
}
