package kr.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.data.Dataset;
import kr.data.DatasetFormatException;
import kr.data.DatasetOptions;
import kr.data.spi.Datasets;

/**
 * A checkpoint of a run whose {@code config.json} describes the model, as a command names it with
 * {@code --run DIR} (and {@code --which}) or {@code --checkpoint FILE}: enough to rebuild the model
 * and load its data without any model flag.
 *
 * @param run the run directory and its recorded model
 * @param file the checkpoint file
 */
public record TrainedCheckpoint(TrainedRun run, Path file) {
  public TrainedCheckpoint {
    Checks.notNull("run", run);
    Checks.notNull("file", file);
  }

  /** The {@code which} checkpoint of the run in {@code dir}. */
  public static TrainedCheckpoint ofRun(Path dir, Which which) {
    TrainedRun r = TrainedRun.open(dir);
    return new TrainedCheckpoint(r, r.checkpoint(which));
  }

  /**
   * The checkpoint {@code file} of the run directory it lies in.
   *
   * @throws IllegalArgumentException one line naming the file when it is not a file or no parent
   *     directory has a {@code config.json} that names the model
   */
  public static TrainedCheckpoint ofFile(Path file) {
    Checks.notNull("file", file);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--checkpoint " + file + " is not a file");
    }
    Optional<TrainedRun> r;
    try {
      r = TrainedRun.ofCheckpoint(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("--checkpoint " + file + ": " + e.getMessage(), e);
    }
    return new TrainedCheckpoint(
        r.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--checkpoint "
                        + file
                        + " is not inside a run directory whose config.json names the model"
                        + " (written by kr train or kr table)")),
        file);
  }

  /** The recorded model. */
  public ModelSpec model() {
    return run.model();
  }

  /** {@code backbone method}, e.g. {@code cnn-small kr4x}. */
  public String label() {
    return model().backbone() + " " + model().methodLabel();
  }

  /** The model, built as training built it. */
  public ImageClassifier build() {
    return model().build();
  }

  /**
   * The run's dataset from {@code dataDir}, else the directory training was given, else the
   * dataset's own; its layout is checked first.
   *
   * @throws IllegalArgumentException one line starting with {@code --data-dir} or {@code --dataset}
   *     when the dataset is unknown or its files are missing
   */
  public Dataset dataset(Optional<Path> dataDir) {
    Optional<Path> dir = dataDir.or(() -> model().dataDirectory());
    return open(model().dataset(), dir);
  }

  /**
   * Checks the layout of {@code dataset} in {@code dir} (or its default directory) and loads it.
   *
   * @throws IllegalArgumentException one line starting with the flag to fix
   */
  public static Dataset open(String dataset, Optional<Path> dir) {
    checkLayout(dataset, dir);
    return NamedDataset.open(dataset, dir, DatasetOptions.DEFAULTS);
  }

  /**
   * Checks the layout of {@code dataset} in {@code dir} (or its default directory) without loading
   * it.
   *
   * @return the directory checked
   * @throws IllegalArgumentException one line starting with {@code --data-dir} or {@code --dataset}
   */
  public static Path checkLayout(String dataset, Optional<Path> dir) {
    try {
      return Datasets.discover().checkLayout(dataset, dir);
    } catch (DatasetFormatException e) {
      throw new IllegalArgumentException(
          (dir.isEmpty() ? "--data-dir not given; default directory: " : "--data-dir: ")
              + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (e.getMessage().contains("no default data directory") ? "--data-dir: " : "--dataset: ")
              + e.getMessage(),
          e);
    }
  }
}
