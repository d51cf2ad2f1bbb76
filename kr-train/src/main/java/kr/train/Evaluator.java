package kr.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.pipeline.Batch;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointVersionException;
import kr.train.data.BatchSource;
import kr.train.data.BatchStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates a model's checkpointed parameters on a split, in inference mode. */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private Evaluator() {}

  /**
   * Loads the model's variables from {@code checkpoint} (optimizer slots are ignored) and evaluates
   * them on every batch of {@code data}.
   *
   * @throws IOException if the checkpoint cannot be read or is corrupt
   * @throws IllegalArgumentException if it has another format version (one line naming the file and
   *     both versions)
   * @throws IllegalStateException if it lacks one of the model's variables or a shape differs
   */
  public static EvalMetrics evaluate(
      ImageClassifier model, Path checkpoint, BatchSource data, int batchSize) throws IOException {
    return evaluate(model, checkpoint, data, batchSize, false);
  }

  /**
   * As {@link #evaluate(ImageClassifier, Path, BatchSource, int)}, with the trainer's progress bar
   * (batches, ETA, running loss) on stderr when {@code progress} is true.
   */
  public static EvalMetrics evaluate(
      ImageClassifier model, Path checkpoint, BatchSource data, int batchSize, boolean progress)
      throws IOException {
    checkArguments(model, checkpoint, data, batchSize, InputSpec::sameShape);
    Checkpoint c = read(checkpoint);
    try (ModelGraph g = ModelGraph.forEvaluation(model)) {
      restore(g, c, checkpoint);
      if (!progress) {
        return Trainer.evaluate(g, data, batchSize, 0);
      }
      try (Progress bar = Progress.evaluation(data.batchCount(batchSize, false), LOG::info)) {
        return Trainer.evaluate(g, data, batchSize, 0, bar);
      }
    }
  }

  /**
   * Loads the model's variables from {@code checkpoint} and fetches {@code outputs} (built on the
   * inference build) for every example of {@code data}, in order: one {@code [examples][F]} matrix
   * per output name, e.g. the pooled features for a t-SNE figure.
   *
   * @throws IOException if the checkpoint cannot be read or is corrupt
   * @throws IllegalArgumentException if it has another format version, or an output is not {@code
   *     [B, F]}
   * @throws IllegalStateException if it lacks one of the model's variables or a shape differs
   */
  public static Map<String, float[][]> extract(
      ImageClassifier model,
      Path checkpoint,
      BatchSource data,
      int batchSize,
      InferenceOutputs outputs)
      throws IOException {
    Checks.notNull("outputs", outputs);
    checkArguments(model, checkpoint, data, batchSize, InputSpec::equals);
    Checkpoint c = read(checkpoint);
    Map<String, List<float[]>> rows = new LinkedHashMap<>();
    try (ModelGraph g = ModelGraph.forOutputs(model, outputs)) {
      restore(g, c, checkpoint);
      try (BatchStream s = data.batches(0, 0, batchSize, false, 0)) {
        while (s.hasNext()) {
          try (Batch b = s.next()) {
            g.outputs(b)
                .forEach(
                    (name, m) ->
                        rows.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(m)));
          }
        }
      }
    }
    Map<String, float[][]> out = new LinkedHashMap<>();
    rows.forEach((name, list) -> out.put(name, list.toArray(float[][]::new)));
    return out;
  }

  /**
   * The temperature of the checkpoint's last training step: a DyConv/ODConv model saved while its
   * temperature was still annealing is evaluated as it was trained, not at T = 1.
   *
   * @throws IOException one line naming {@code file} when the metadata is not a training state
   */
  public static double reachedTemperature(Checkpoint checkpoint, Path file) throws IOException {
    return TrainingState.parse(checkpoint.metadata(), file).temperature();
  }

  /** The checkpoint's parameters (not its optimizer slots) and the temperature it reached. */
  private static void restore(ModelGraph g, Checkpoint c, Path file) throws IOException {
    g.restore(c.tensors(), false);
    g.useTemperature(reachedTemperature(c, file));
  }

  private static Checkpoint read(Path checkpoint) throws IOException {
    try {
      return CheckpointFile.read(checkpoint);
    } catch (CheckpointVersionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The checks every entry point makes; {@code matches(data input, model input)} must hold. */
  private static void checkArguments(
      ImageClassifier model,
      Path checkpoint,
      BatchSource data,
      int batchSize,
      BiPredicate<InputSpec, InputSpec> matches) {
    Checks.notNull("model", model);
    Checks.notNull("checkpoint", checkpoint);
    Checks.notNull("data", data);
    Checks.positive("batchSize", batchSize);
    Checks.check(
        matches.test(data.input(), model.input()),
        "data input",
        data.input(),
        "must match the model's input " + model.input());
  }
}
