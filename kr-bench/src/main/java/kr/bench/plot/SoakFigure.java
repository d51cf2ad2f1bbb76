package kr.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import kr.bench.soak.MemorySample;
import kr.bench.soak.Slope;
import kr.bench.soak.SoakBenchmark;
import kr.core.graph.Checks;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A soak run's memory over time: the process RSS on the left and the JVM heap on the right, both in
 * MiB against minutes. Each panel shows the samples, a dashed grey vertical line at the end of the
 * warm-up (samples before it are left out of the slopes), and the least-squares line fitted after
 * warm-up, labelled with its slope in MB/min.
 */
public final class SoakFigure {
  public static final int PANEL_WIDTH = 640;
  public static final int PANEL_HEIGHT = 480;

  private static final Color WARMUP = new Color(0x7f7f7f);

  private SoakFigure() {}

  /**
   * Writes the figure ({@code 2 × PANEL_WIDTH} by {@code PANEL_HEIGHT}).
   *
   * @throws IllegalArgumentException when the report has fewer than two samples after warm-up
   */
  public static void write(Path out, SoakBenchmark.Report report) {
    Checks.notNull("out", out);
    Checks.notNull("report", report);
    Png.write(out, charts(report), PANEL_WIDTH, PANEL_HEIGHT);
  }

  /** The two panels: RSS, then heap. */
  static List<XYChart> charts(SoakBenchmark.Report report) {
    return List.of(
        panel("Process RSS", "RSS (MiB)", report, MemorySample::rssMb, 0),
        panel("JVM heap after GC", "heap (MiB)", report, MemorySample::heapMb, 1));
  }

  private static XYChart panel(
      String title,
      String yAxis,
      SoakBenchmark.Report report,
      ToDoubleFunction<MemorySample> value,
      int colour) {
    List<MemorySample> samples = report.samples();
    Slope.Line line = Slope.fit(samples, report.warmupSeconds(), value);
    double[] t = new double[samples.size()];
    double[] v = new double[samples.size()];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      t[i] = samples.get(i).seconds() / 60;
      v[i] = value.applyAsDouble(samples.get(i));
      lo = Math.min(lo, v[i]);
      hi = Math.max(hi, v[i]);
    }
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("minutes")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(4);
    XYSeries s = chart.addSeries("samples", t, v);
    s.setLineColor(Palette.color(colour));
    s.setMarkerColor(Palette.color(colour));
    s.setMarker(SeriesMarkers.CIRCLE);

    double w = report.warmupSeconds() / 60;
    XYSeries warm = chart.addSeries("end of warm-up", new double[] {w, w}, new double[] {lo, hi});
    warm.setLineColor(WARMUP);
    warm.setLineStyle(SeriesLines.DASH_DASH);
    warm.setMarker(SeriesMarkers.NONE);

    double end = t[t.length - 1];
    XYSeries fit =
        chart.addSeries(
            String.format(Locale.ROOT, "fit after warm-up: %+.2f MB/min", line.perMinute()),
            new double[] {w, end},
            new double[] {line.at(w), line.at(end)});
    fit.setLineColor(Color.BLACK);
    fit.setLineStyle(new BasicStroke(2f));
    fit.setMarker(SeriesMarkers.NONE);
    return chart;
  }
}
