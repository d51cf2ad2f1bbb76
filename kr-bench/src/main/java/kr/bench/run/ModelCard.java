package kr.bench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import kr.core.model.PixelNormalization;
import kr.data.Dataset;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;
import kr.data.spi.Datasets;
import kr.train.Json;
import kr.train.serving.InferenceModel;

/**
 * What {@code kr export} records next to a SavedModel, in {@value #FILE} (TensorFlow ignores {@code
 * assets.extra/}): where the model came from, the input its signatures take, the normalisation
 * applied inside the graph, and the class names {@code kr predict} prints.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param backbone registered backbone name
 * @param method the method's label ({@code kr4x}, {@code static}, ...)
 * @param dataset the dataset the model was trained on
 * @param checkpoint the checkpoint exported
 * @param height input height
 * @param width input width
 * @param channels input channels
 * @param mean per-channel mean on the 0..1 scale, applied inside the graph
 * @param std per-channel standard deviation on the 0..1 scale, applied inside the graph
 * @param classNames names of labels 0, 1, ... (empty: the dataset has none)
 * @param signatures what each signature takes and returns, one line each
 */
public record ModelCard(
    int formatVersion,
    String backbone,
    String method,
    String dataset,
    String checkpoint,
    int height,
    int width,
    int channels,
    float[] mean,
    float[] std,
    List<String> classNames,
    List<String> signatures) {

  /** The version of this file's layout. */
  public static final int FORMAT_VERSION = 1;

  /** Where it lies in a SavedModel directory. */
  public static final String FILE = "assets.extra/kr-model.json";

  public ModelCard {
    Checks.check(
        formatVersion == FORMAT_VERSION,
        "formatVersion",
        formatVersion,
        "must be " + FORMAT_VERSION);
    Checks.notNull("backbone", backbone);
    Checks.notNull("method", method);
    Checks.notNull("dataset", dataset);
    Checks.notNull("checkpoint", checkpoint);
    mean = Checks.notNull("mean", mean).clone();
    std = Checks.notNull("std", std).clone();
    Checks.check(
        mean.length == channels && std.length == channels,
        "mean/std",
        mean.length + "/" + std.length,
        "must have one value per channel (" + channels + ")");
    classNames = List.copyOf(Checks.notNull("classNames", classNames));
    signatures = List.copyOf(Checks.notNull("signatures", signatures));
  }

  /**
   * The card of {@code run}'s {@code checkpoint}: the normalisation is the one the run recorded
   * ({@link ModelSpec#normalization()}); for a run that predates the record, the dataset's
   * provider's ({@link DatasetProvider#normalization()}), or, when the provider states none, the
   * loaded dataset's. Class names come from the provider ({@link DatasetProvider#classNames()}).
   *
   * @throws IllegalArgumentException when the run's dataset is not registered or its data, needed
   *     for the normalisation, cannot be loaded
   */
  public static ModelCard of(TrainedRun run, Path checkpoint) {
    ModelSpec m = run.model();
    Datasets datasets = Datasets.discover();
    DatasetProvider p;
    try {
      p = datasets.provider(m.dataset());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--run "
              + run.directory().dir()
              + " was trained on "
              + e.getMessage()
              + ": its normalisation is unknown",
          e);
    }
    Normalize norm =
        (m.normalization().absent()
                ? p.normalization().orElseGet(() -> loadedNormalization(datasets, m))
                : normalize(m.normalization()))
            .expandTo(m.channels());
    List<String> names = p.classNames().size() == m.classes() ? p.classNames() : List.of();
    InputSpec in = m.input();
    String shape = "[N, " + in.height() + ", " + in.width() + ", " + in.channels() + "]";
    String out = "-> logits, probabilities float32 [N, " + m.classes() + "]";
    return new ModelCard(
        FORMAT_VERSION,
        m.backbone(),
        m.methodLabel(),
        m.dataset(),
        checkpoint.toAbsolutePath().normalize().toString(),
        in.height(),
        in.width(),
        in.channels(),
        norm.mean(),
        norm.std(),
        names,
        List.of(
            InferenceModel.SIGNATURE + ": images float32 " + shape + ", pixel values 0..255 " + out,
            InferenceModel.UINT8_SIGNATURE + ": images uint8 " + shape + " " + out));
  }

  private static Normalize normalize(PixelNormalization n) {
    float[] mean = new float[n.channels()];
    float[] std = new float[n.channels()];
    for (int c = 0; c < mean.length; c++) {
      mean[c] = n.mean().get(c).floatValue(); // recorded from floats: exact
      std[c] = n.std().get(c).floatValue();
    }
    return new Normalize(mean, std);
  }

  private static Normalize loadedNormalization(Datasets datasets, ModelSpec m) {
    Optional<Path> dir = m.dataDirectory();
    Dataset d =
        dir.isPresent()
            ? datasets.create(m.dataset(), dir.get(), DatasetOptions.DEFAULTS)
            : datasets.create(m.dataset(), DatasetOptions.DEFAULTS);
    DatasetInfo info = d.info();
    return new Normalize(info.mean(), info.std());
  }

  /** The normalisation applied inside the graph. */
  public Normalize normalize() {
    return new Normalize(mean, std);
  }

  /** The input the signatures take. */
  public InputSpec input() {
    return new InputSpec(height, width, channels);
  }

  /** The name of {@code label}, or {@code "class <label>"} when the dataset has no names. */
  public String className(int label) {
    return label >= 0 && label < classNames.size() ? classNames.get(label) : "class " + label;
  }

  /** Writes {@value #FILE} under {@code modelDir}. */
  public void write(Path modelDir) throws IOException {
    Path file = modelDir.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, Json.writePretty(this) + "\n");
  }

  /**
   * The card in {@code modelDir}, if it has one (a SavedModel written elsewhere has none).
   *
   * @throws IllegalArgumentException naming the file when it cannot be parsed
   */
  public static Optional<ModelCard> read(Path modelDir) throws IOException {
    Path file = modelDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(Files.readString(file), ModelCard.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + " is not a model card written by kr export: " + e.getOriginalMessage(), e);
    }
  }
}
