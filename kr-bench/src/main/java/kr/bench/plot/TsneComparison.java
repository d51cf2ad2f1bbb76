package kr.bench.plot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kr.bench.tsne.EmbeddingReport;
import kr.bench.tsne.Tsne;
import kr.bench.tsne.TsneConfig;
import kr.bench.tsne.TsneResult;
import kr.core.graph.Checks;
import kr.train.checkpoint.AtomicFiles;

/**
 * The core of {@code kr plot tsne}: embeds feature sets of the same labelled samples (e.g. the
 * pre-logits of a static and a KR model on the same test images), scores them, and writes the
 * side-by-side figure ({@link TsneFigure}) and a JSON of the numbers.
 */
public final class TsneComparison {
  private TsneComparison() {}

  /**
   * One feature set.
   *
   * @param name panel name, e.g. {@code static} or {@code KR 4x}
   * @param values {@code n × d} features, one row per sample, in the order of the labels
   */
  public record Features(String name, double[][] values) {
    public Features {
      Checks.notNull("name", name);
      Checks.check(!name.isBlank(), "name", "'" + name + "'", "must not be blank");
      Checks.notNull("values", values);
    }
  }

  /**
   * The JSON written next to the figure.
   *
   * @param tsne the t-SNE settings used for every panel
   * @param reports one per feature set, in order
   */
  public record Summary(TsneConfig tsne, List<EmbeddingReport> reports) {
    public Summary {
      Checks.notNull("tsne", tsne);
      reports = List.copyOf(reports);
    }
  }

  /**
   * Embeds each feature set with {@code config}, writes the figure to {@code png} and the {@link
   * Summary} to {@code json}, and returns the summary.
   *
   * @throws IllegalArgumentException if a feature set's row count differs from the labels'
   */
  public static Summary run(
      List<Features> sets, int[] labels, TsneConfig config, Path png, Path json) {
    Checks.check(!sets.isEmpty(), "feature sets", sets.size(), "must not be empty");
    List<TsneFigure.Panel> panels = new ArrayList<>();
    for (Features f : sets) {
      panels.add(panel(f, labels, config));
    }
    TsneFigure.write(png, panels);
    return writeSummary(json, config, panels);
  }

  /**
   * Embeds one feature set and scores it: a panel of the figure.
   *
   * @throws IllegalArgumentException if its row count differs from the labels'
   */
  public static TsneFigure.Panel panel(Features f, int[] labels, TsneConfig config) {
    Checks.notNull("features", f);
    Checks.notNull("labels", labels);
    Checks.notNull("config", config);
    Checks.check(
        f.values().length == labels.length,
        f.name() + " rows",
        f.values().length,
        "must equal the number of labels " + labels.length);
    TsneResult layout = Tsne.embed(f.values(), config);
    EmbeddingReport report = EmbeddingReport.of(f.name(), f.values(), labels, layout);
    return new TsneFigure.Panel(report, layout.points(), labels);
  }

  /** Writes the {@link Summary} of {@code panels} to {@code json} (atomically) and returns it. */
  public static Summary writeSummary(Path json, TsneConfig config, List<TsneFigure.Panel> panels) {
    Summary summary = new Summary(config, panels.stream().map(TsneFigure.Panel::report).toList());
    try {
      AtomicFiles.writeString(
          json,
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary)
              + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
    }
    return summary;
  }

  /** {@code features.png} → {@code features.json}: the summary's file beside a figure. */
  public static Path jsonBeside(Path png) {
    String name = png.getFileName().toString();
    String stem =
        name.toLowerCase(Locale.ROOT).endsWith(".png")
            ? name.substring(0, name.length() - 4)
            : name;
    return png.resolveSibling(stem + ".json");
  }
}
