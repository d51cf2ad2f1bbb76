package kr.train;

import java.io.IOException;
import java.nio.file.Path;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointVersionException;
import kr.train.data.BatchSource;

/** Evaluates a model's checkpointed parameters on a split, in inference mode. */
public final class Evaluator {
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
    Checks.notNull("model", model);
    Checks.notNull("checkpoint", checkpoint);
    Checks.notNull("data", data);
    Checks.positive("batchSize", batchSize);
    Checks.check(
        data.input().sameShape(model.input()),
        "data input",
        data.input(),
        "must match the model's input " + model.input());
    Checkpoint c;
    try {
      c = CheckpointFile.read(checkpoint);
    } catch (CheckpointVersionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try (ModelGraph g = ModelGraph.forEvaluation(model)) {
      g.restore(c.tensors(), false);
      if (!progress) {
        return Trainer.evaluate(g, data, batchSize, 0);
      }
      try (Progress bar = Progress.evaluation(data.batchCount(batchSize, false), System.err)) {
        return Trainer.evaluate(g, data, batchSize, 0, bar);
      }
    }
  }
}
