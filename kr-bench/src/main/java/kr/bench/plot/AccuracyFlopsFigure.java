package kr.bench.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.core.graph.Checks;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Top-1 against FLOPs (log scale), one series per method and source, in the style of the paper's
 * Fig. 1a: the paper's points as filled circles, ours as diamonds of the same method's colour.
 */
public final class AccuracyFlopsFigure {
  public static final int WIDTH = 900;
  public static final int HEIGHT = 600;

  private AccuracyFlopsFigure() {}

  /** The title of the paper's Fig. 1a. */
  public static final String IMAGENET_TITLE = "ImageNet-1k top-1 vs FLOPs";

  /**
   * One panel: a title and its points.
   *
   * @param title e.g. the data column it shows
   * @param points at least one
   */
  public record Panel(String title, List<AccuracyPoint> points) {
    public Panel {
      Checks.notNull("title", title);
      points = List.copyOf(Checks.notNull("points", points));
      Checks.check(!points.isEmpty(), "points", points.size(), "must not be empty");
    }
  }

  /** Writes the figure ({@link #WIDTH} × {@link #HEIGHT}). */
  public static void write(Path out, List<AccuracyPoint> points) {
    writePanels(out, List.of(new Panel(IMAGENET_TITLE, points)));
  }

  /** Writes the panels left to right, each {@link #WIDTH} × {@link #HEIGHT}. */
  public static void writePanels(Path out, List<Panel> panels) {
    Checks.check(!panels.isEmpty(), "panels", panels.size(), "must not be empty");
    Png.write(out, panels.stream().map(p -> chart(p.title(), p.points())).toList(), WIDTH, HEIGHT);
  }

  static XYChart chart(List<AccuracyPoint> points) {
    return chart(IMAGENET_TITLE, points);
  }

  static XYChart chart(String title, List<AccuracyPoint> points) {
    Checks.check(!points.isEmpty(), "points", points.size(), "must not be empty");
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("GFLOPs (log scale)")
            .yAxisTitle("Top-1 (%)")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(9);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    Map<String, Integer> methodColour = new LinkedHashMap<>();
    Map<String, List<AccuracyPoint>> bySeries = new LinkedHashMap<>();
    for (AccuracyPoint p : points) {
      Checks.notNull("point", p);
      methodColour.putIfAbsent(p.method(), methodColour.size());
      bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
    }
    for (Map.Entry<String, List<AccuracyPoint>> e : bySeries.entrySet()) {
      List<AccuracyPoint> ps = e.getValue();
      double[] x = new double[ps.size()];
      double[] y = new double[ps.size()];
      for (int i = 0; i < ps.size(); i++) {
        x[i] = ps.get(i).flops() / 1e9;
        y[i] = ps.get(i).top1();
      }
      XYSeries s = chart.addSeries(e.getKey(), x, y);
      AccuracyPoint first = ps.get(0);
      s.setMarker(
          first.source() == AccuracyPoint.Source.PAPER
              ? SeriesMarkers.CIRCLE
              : SeriesMarkers.DIAMOND);
      s.setMarkerColor(Palette.color(methodColour.get(first.method())));
    }
    return chart;
  }
}
