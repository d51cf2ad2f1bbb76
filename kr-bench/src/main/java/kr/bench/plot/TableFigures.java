package kr.bench.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import kr.bench.plot.AccuracyPoint.Source;
import kr.core.graph.Checks;
import kr.train.EpochMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * The figures of a table run, written next to its {@code report.md} from the files the run leaves
 * (so {@code kr plot table DIR} redraws them at any time):
 *
 * <ul>
 *   <li>{@value #ACCURACY}: top-1 against FLOPs in the style of the paper's Fig. 1a, one panel per
 *       data column: the paper's cells (circles; a row without a FLOPs cell at our count) and ours
 *       (diamonds, mean over the finished seeds), FLOPs at the paper's input as {@code kr flops}
 *       counts them, one colour per method variant; from {@code rows.json};
 *   <li>{@value #CURVES}: training loss and test top-1 per epoch of every row (mean over its
 *       finished seeds, diverged ones left out), one colour per row; from each run's {@code
 *       metrics.jsonl} under {@code runs/<dataset>/<row>/seed-<s>}.
 * </ul>
 */
public final class TableFigures {
  /** The accuracy-vs-FLOPs figure's file name. */
  public static final String ACCURACY = "accuracy-flops.png";

  /** The training curves' file name. */
  public static final String CURVES = "curves.png";

  static final int CURVE_WIDTH = 900;
  static final int CURVE_HEIGHT = 640;

  private static final ObjectMapper JSON = new ObjectMapper();

  private TableFigures() {}

  /**
   * Draws both figures of the table run in {@code dir}; a figure with nothing to show yet (no row
   * with a point, no finished run) is not written.
   *
   * @return the files written
   * @throws IllegalArgumentException when {@code dir} has no readable {@code rows.json}
   */
  public static List<Path> write(Path dir) {
    JsonNode root = rows(dir);
    List<Path> written = new ArrayList<>();
    List<AccuracyFlopsFigure.Panel> panels = accuracyPanels(root);
    if (!panels.isEmpty()) {
      AccuracyFlopsFigure.writePanels(dir.resolve(ACCURACY), panels);
      written.add(dir.resolve(ACCURACY));
    }
    List<TrainingCurvesFigure.Run> curves = curves(dir, root);
    if (!curves.isEmpty()) {
      writeCurves(dir.resolve(CURVES), curves);
      written.add(dir.resolve(CURVES));
    }
    return written;
  }

  private static JsonNode rows(Path dir) {
    Path file = dir.resolve("rows.json");
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      if (root == null || !root.path("rows").isArray()) {
        throw new IllegalArgumentException(file + " has no rows array (not a table's rows.json)");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** One panel per data column (ours on {@code dataset}, the paper's on {@code paper_dataset}). */
  static List<AccuracyFlopsFigure.Panel> accuracyPanels(JsonNode root) {
    Map<String, List<AccuracyPoint>> byColumn = new LinkedHashMap<>();
    for (JsonNode r : root.get("rows")) {
      String column =
          "Table "
              + root.path("table").asInt()
              + ": ours on "
              + r.path("dataset").asText()
              + ", paper on "
              + r.path("paper_dataset").asText();
      List<AccuracyPoint> points = byColumn.computeIfAbsent(column, k -> new ArrayList<>());
      String series = r.path("variant").asText(r.path("method").asText());
      String model = r.path("id").asText();
      double ourFlops = r.path("our_flops").asDouble(0);
      double paperFlops = r.path("paper_flops").isNumber() ? r.get("paper_flops").asDouble() : 0;
      double paperAt = paperFlops > 0 ? paperFlops : ourFlops;
      if (paperAt > 0 && r.path("paper_top1").isNumber()) {
        points.add(
            new AccuracyPoint(
                series, model, paperAt, r.get("paper_top1").asDouble(), Source.PAPER));
      }
      if (ourFlops > 0 && r.path("our_top1_mean").isNumber()) {
        points.add(
            new AccuracyPoint(
                series, model, ourFlops, r.get("our_top1_mean").asDouble(), Source.OURS));
      }
    }
    return byColumn.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> new AccuracyFlopsFigure.Panel(e.getKey(), e.getValue()))
        .toList();
  }

  /** Each row's curves, averaged over its finished, not diverged seeds. */
  static List<TrainingCurvesFigure.Run> curves(Path dir, JsonNode root) {
    Set<String> columns = new HashSet<>();
    root.get("rows").forEach(r -> columns.add(r.path("dataset").asText()));
    List<TrainingCurvesFigure.Run> out = new ArrayList<>();
    for (JsonNode r : root.get("rows")) {
      String dataset = r.path("dataset").asText();
      String id = r.path("id").asText();
      Path rowDir = dir.resolve("runs").resolve(dataset).resolve(id);
      List<List<EpochMetrics>> seeds = new ArrayList<>();
      for (Path seed : seedDirs(rowDir)) {
        if (finished(seed)) {
          seeds.add(MetricsLog.read(seed));
        }
      }
      if (!seeds.isEmpty()) {
        out.add(
            new TrainingCurvesFigure.Run(
                id + (columns.size() == 1 ? "" : " (" + dataset + ")") + " n=" + seeds.size(),
                mean(seeds)));
      }
    }
    return out;
  }

  private static List<Path> seedDirs(Path rowDir) {
    if (!Files.isDirectory(rowDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(rowDir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A run with a {@code done.json} that did not diverge. */
  private static boolean finished(Path run) {
    Path done = run.resolve("done.json");
    if (!Files.isRegularFile(done) || !Files.isRegularFile(run.resolve("metrics.jsonl"))) {
      return false;
    }
    try {
      return !JSON.readTree(Files.readString(done)).path("diverged").asBoolean(false);
    } catch (IOException e) {
      return false;
    }
  }

  /** Epoch-wise mean of the seeds' metrics, over the epochs every seed has. */
  static List<EpochMetrics> mean(List<List<EpochMetrics>> seeds) {
    Checks.check(!seeds.isEmpty(), "seeds", seeds.size(), "must not be empty");
    int epochs = seeds.stream().mapToInt(List::size).min().orElseThrow();
    List<EpochMetrics> out = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      int epoch = e;
      EpochMetrics first = seeds.get(0).get(e);
      out.add(
          new EpochMetrics(
              first.epoch(),
              first.step(),
              first.lr(),
              first.temperature(),
              mean(seeds, epoch, EpochMetrics::trainLoss),
              mean(seeds, epoch, EpochMetrics::trainTop1),
              mean(seeds, epoch, EpochMetrics::testLoss),
              mean(seeds, epoch, EpochMetrics::testTop1),
              mean(seeds, epoch, EpochMetrics::testTop5),
              mean(seeds, epoch, EpochMetrics::imagesPerSecond),
              mean(seeds, epoch, EpochMetrics::seconds)));
    }
    return out;
  }

  private static double mean(
      List<List<EpochMetrics>> seeds, int epoch, ToDoubleFunction<EpochMetrics> field) {
    return seeds.stream().mapToDouble(s -> field.applyAsDouble(s.get(epoch))).average().orElse(0);
  }

  /** Training loss (left) and test top-1 in percent (right), one colour and style per row. */
  static void writeCurves(Path out, List<TrainingCurvesFigure.Run> runs) {
    XYChart loss = curveChart("Training loss", "loss");
    XYChart top1 = curveChart("Test top-1", "top-1 (%)");
    // One legend for both panels (same colour per row), as a column beside the right one: a row of
    // a dozen names under each panel runs past its edge.
    loss.getStyler().setLegendVisible(false);
    top1.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    top1.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    for (int r = 0; r < runs.size(); r++) {
      TrainingCurvesFigure.Run run = runs.get(r);
      double[] epoch = TrainingCurvesFigure.column(run.epochs(), EpochMetrics::epoch);
      addCurve(
          loss,
          run.name(),
          epoch,
          TrainingCurvesFigure.column(run.epochs(), EpochMetrics::trainLoss),
          r);
      addCurve(
          top1,
          run.name(),
          epoch,
          TrainingCurvesFigure.column(run.epochs(), m -> 100 * m.testTop1()),
          r);
    }
    Png.write(out, List.of(loss, top1), CURVE_WIDTH, CURVE_HEIGHT);
  }

  private static XYChart curveChart(String title, String yAxis) {
    return TrainingCurvesFigure.epochChart(title, yAxis, CURVE_WIDTH, CURVE_HEIGHT);
  }

  private static final BasicStroke[] LINES = {
    SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT
  };

  private static void addCurve(XYChart chart, String name, double[] x, double[] y, int row) {
    TrainingCurvesFigure.addLine(
        chart, name, x, y, row, LINES[(row / Palette.SIZE) % LINES.length]);
  }
}
