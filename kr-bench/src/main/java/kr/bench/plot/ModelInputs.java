package kr.bench.plot;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.bench.cli.WhichOption;
import kr.bench.run.TrainedCheckpoint;
import kr.bench.tsne.EmbeddingReport;
import kr.bench.tsne.Tsne;
import kr.bench.tsne.TsneConfig;
import kr.core.model.ImageClassifier;
import kr.data.Split;
import kr.train.Evaluator;
import kr.train.InferenceOutputs;
import kr.train.data.DatasetBatchSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code kr plot tsne} and {@code kr plot kernels} share: the runs or checkpoints,
 * which checkpoint of a run, the test images (classes, points, data directory), the PNG written and
 * the t-SNE settings; and what they do with them: open the trained models, sample the test split
 * once for all, run a model's inference build on the sample.
 */
final class ModelInputs {
  /** One {@code --run DIR} or {@code --checkpoint FILE}. */
  static final class Source {
    @Option(
        names = "--run",
        required = true,
        paramLabel = "DIR",
        description = "A run directory of kr train or kr table (its config.json names the model).")
    Path run;

    @Option(
        names = "--checkpoint",
        required = true,
        paramLabel = "FILE",
        description = "A .krckpt file inside such a run directory.")
    Path checkpoint;
  }

  @ArgGroup(exclusive = true, multiplicity = "1..*")
  List<Source> sources;

  @Mixin WhichOption which = new WhichOption();

  @Option(
      names = "--classes",
      defaultValue = "20",
      description = "The first N classes of the test split (at most the dataset's; default 20).")
  int classes;

  @Option(
      names = "--points",
      defaultValue = "1000",
      description = "Test images in all, balanced over the classes (at most 2000; default 1000).")
  int points;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Dataset directory (default: the run's, else the dataset's own).")
  Path dataDir;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "PNG to write; the JSON goes beside it, of the same name (default: ${DEFAULT-VALUE}).")
  Path png;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the t-SNE layout.")
  long seed;

  @Option(
      names = "--perplexity",
      defaultValue = "30",
      description = "t-SNE perplexity (lowered to (points - 1) / 3 for few points).")
  double perplexity;

  /** The options of a command whose PNG is {@code defaultPng} unless {@code --out} says. */
  ModelInputs(String defaultPng) {
    png = Path.of(defaultPng);
  }

  /**
   * What the panels of a figure are made of: the opened models with their panel names, the test
   * sample they all run on and the t-SNE settings for it.
   *
   * @param models the models named by the options, in order
   * @param names their panel names ({@link #names})
   * @param sample the balanced test sample, drawn from the first model's dataset
   * @param config the t-SNE settings for the sample's size
   * @param png the figure to write ({@code --out})
   */
  record Prepared(
      List<TrainedCheckpoint> models,
      List<String> names,
      TestImages sample,
      TsneConfig config,
      Path png) {

    /** A panel named {@code name}: the t-SNE of {@code features}, one row per sample image. */
    TsneFigure.Panel panel(String name, float[][] features) {
      return TsneComparison.panel(
          new TsneComparison.Features(name, toDouble(features)), sample.labels(), config);
    }

    /**
     * Writes the JSON of {@code panels} beside {@link #png} (already written) and prints the
     * sample, each panel's numbers and the files.
     */
    void finish(PrintWriter w, List<TsneFigure.Panel> panels) {
      Path json = TsneComparison.jsonBeside(png);
      TsneComparison.Summary summary = TsneComparison.writeSummary(json, config, panels);
      w.printf(
          Locale.ROOT,
          "%d test images of %d classes, perplexity %s%n",
          sample.labels().length,
          sample.classes(),
          config.perplexity());
      for (EmbeddingReport r : summary.reports()) {
        w.println(
            String.format(
                Locale.ROOT,
                "%s: features: 5-NN acc %.3f, silhouette %.3f; t-SNE: 5-NN acc %.3f, silhouette"
                    + " %.3f, trustworthiness %.3f",
                r.name(),
                r.features().knnAccuracy(),
                r.features().silhouette(),
                r.embedding().knnAccuracy(),
                r.embedding().silhouette(),
                r.trustworthiness()));
      }
      w.println("wrote " + png + " and " + json);
      w.flush();
    }
  }

  /**
   * Opens the models, samples the test split of the first for all of them, and sizes the t-SNE for
   * the sample.
   */
  Prepared prepare() {
    List<TrainedCheckpoint> models = open();
    TestImages sample = sample(models.get(0));
    return new Prepared(models, names(models), sample, tsne(sample.labels().length), png);
  }

  /** The models named by the {@code --run} and {@code --checkpoint} options, in order. */
  private List<TrainedCheckpoint> open() {
    if (points < 2 || points > Tsne.MAX_POINTS) {
      throw new IllegalArgumentException(
          "--points must be in [2, " + Tsne.MAX_POINTS + "], got " + points);
    }
    if (classes < 1) {
      throw new IllegalArgumentException("--classes must be at least 1, got " + classes);
    }
    List<TrainedCheckpoint> out = new ArrayList<>();
    for (Source s : sources) {
      out.add(
          s.run != null
              ? TrainedCheckpoint.ofRun(s.run, which.value())
              : TrainedCheckpoint.ofFile(s.checkpoint));
    }
    TrainedCheckpoint first = out.get(0);
    for (TrainedCheckpoint m : out) {
      if (!m.model().dataset().equals(first.model().dataset())
          || !m.model().input().equals(first.model().input())) {
        throw new IllegalArgumentException(
            m.file()
                + " was trained on "
                + m.model().dataset()
                + " at "
                + m.model().input()
                + ", "
                + first.file()
                + " on "
                + first.model().dataset()
                + " at "
                + first.model().input()
                + ": the panels must show the same images");
      }
    }
    return out;
  }

  /** The balanced test sample every model is run on. */
  private TestImages sample(TrainedCheckpoint model) {
    var data = model.dataset(Optional.ofNullable(dataDir));
    // Fewer classes than asked (Fashion-MNIST has 10 of the paper's 20): all of them.
    int sampled = Math.min(classes, data.info().numClasses());
    if (points < sampled) {
      throw new IllegalArgumentException(
          "--points " + points + " must be at least the classes sampled (" + sampled + ")");
    }
    return TestImages.select(
        new DatasetBatchSource(data, Split.TEST, model.model().input(), 2), sampled, points);
  }

  /** The t-SNE settings for {@code n} points. */
  private TsneConfig tsne(int n) {
    return TsneConfig.defaults(seed).withPerplexity(Math.min(perplexity, (n - 1) / 3.0));
  }

  /** {@code outputs} of {@code model}'s inference build on every image of {@code sample}. */
  static Map<String, float[][]> run(
      TrainedCheckpoint model, TestImages sample, InferenceOutputs outputs) {
    ImageClassifier net = model.build();
    try {
      return Evaluator.extract(net, model.file(), sample.images(), 250, outputs);
    } catch (IOException e) {
      throw new UncheckedIOException(model.file() + ": " + e.getMessage(), e);
    }
  }

  /** The panel names: each model's label, numbered where two are equal. */
  private static List<String> names(List<TrainedCheckpoint> models) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      String label = models.get(i).label();
      out.add(seen.add(label) ? label : label + " #" + (i + 1));
    }
    return out;
  }

  private static double[][] toDouble(float[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = m[i][j];
      }
    }
    return out;
  }
}
