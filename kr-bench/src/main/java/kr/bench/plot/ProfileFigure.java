package kr.bench.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.bench.profile.OpRole;
import kr.bench.profile.Phase;
import kr.bench.profile.StepProfile;
import kr.core.graph.Checks;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * A training step's op time per role, as stacked bars of forward, backward and update milliseconds
 * per step, roles that take no time left out.
 */
public final class ProfileFigure {
  public static final int WIDTH = 1100;
  public static final int HEIGHT = 560;

  private ProfileFigure() {}

  /** Writes the figure to a PNG file, titled {@code title}. */
  public static void write(Path out, String title, StepProfile profile) {
    Checks.notNull("out", out);
    Checks.notNull("profile", profile);
    Png.write(out, List.of(chart(title, profile)), WIDTH, HEIGHT);
  }

  static CategoryChart chart(String title, StepProfile profile) {
    Map<OpRole, Map<Phase, Double>> t = profile.byRoleAndPhase();
    List<String> roles = new ArrayList<>();
    List<OpRole> kept = new ArrayList<>();
    for (OpRole r : OpRole.values()) {
      if (t.get(r).values().stream().mapToDouble(Double::doubleValue).sum() > 0) {
        roles.add(r.label());
        kept.add(r);
      }
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("role")
            .yAxisTitle("op time per step (ms)")
            .build();
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(35);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    int colour = 0;
    for (Phase p : Phase.values()) {
      List<Double> ms = new ArrayList<>();
      for (OpRole r : kept) {
        ms.add(t.get(r).get(p) / 1e3);
      }
      CategorySeries s = chart.addSeries(p.label(), roles, ms);
      s.setFillColor(Palette.color(colour++));
    }
    return chart;
  }
}
