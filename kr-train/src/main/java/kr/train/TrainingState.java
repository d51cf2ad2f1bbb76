package kr.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kr.core.graph.Checks;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;

/**
 * The trainer's position and settings as a checkpoint's metadata (JSON, see {@link Json}): what a
 * resume needs besides the tensors to continue exactly where the run stopped.
 *
 * @param formatVersion {@link #FORMAT_VERSION}; other versions are refused on read
 * @param kind always {@link #KIND}
 * @param model the model's name
 * @param globalStep steps taken
 * @param epoch epochs finished (the current epoch, 0-based)
 * @param batchInEpoch batches of the current epoch already taken
 * @param stepsPerEpoch training steps per epoch of the run
 * @param epochLossSum the current epoch's Σ loss·batch size so far
 * @param epochCorrect the current epoch's top-1 correct count so far
 * @param epochSeen the current epoch's examples so far
 * @param epochStepSeconds the current epoch's step seconds so far
 * @param lr the last step's learning rate
 * @param temperature the last step's temperature
 * @param bestTop1 the best evaluation top-1 so far ({@code -Infinity} before the first)
 * @param history the finished epochs' metrics
 * @param optimizer the optimizer settings the run trains with
 * @param loop the loop settings that decide the numbers (evaluation fields reset to 0)
 */
public record TrainingState(
    int formatVersion,
    String kind,
    String model,
    long globalStep,
    int epoch,
    int batchInEpoch,
    int stepsPerEpoch,
    double epochLossSum,
    double epochCorrect,
    long epochSeen,
    double epochStepSeconds,
    double lr,
    double temperature,
    double bestTop1,
    List<EpochMetrics> history,
    OptimizerConfig optimizer,
    LoopConfig loop) {

  /** The version of this record's layout that this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public static final String KIND = "kr-train";

  public TrainingState {
    Checks.check(
        formatVersion == FORMAT_VERSION,
        "formatVersion",
        formatVersion,
        "must be " + FORMAT_VERSION);
    Checks.check(KIND.equals(kind), "kind", kind, "must be " + KIND);
    Checks.notNull("model", model);
    Checks.check(globalStep >= 0, "globalStep", globalStep, "must be >= 0");
    Checks.nonNegative("epoch", epoch);
    Checks.nonNegative("batchInEpoch", batchInEpoch);
    Checks.positive("stepsPerEpoch", stepsPerEpoch);
    history = List.copyOf(Checks.notNull("history", history));
    Checks.notNull("optimizer", optimizer);
    Checks.notNull("loop", loop);
  }

  public String toJson() {
    return Json.write(this);
  }

  /** Checkpoint metadata that is not a training state this build reads. */
  public static final class BadTrainingStateException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadTrainingStateException(String message) {
      super(message);
    }
  }

  /**
   * Parses a checkpoint's metadata.
   *
   * @param file the checkpoint, named in error messages
   * @throws BadTrainingStateException one line naming {@code file}: not JSON, another version, or a
   *     field missing or invalid
   */
  public static TrainingState parse(String json, Path file) throws BadTrainingStateException {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadTrainingStateException(
          file + ": metadata is not JSON: " + e.getOriginalMessage());
    }
    JsonNode v = tree == null ? null : tree.get("format_version");
    if (v == null || !v.canConvertToInt() || v.asInt() != FORMAT_VERSION) {
      throw new BadTrainingStateException(
          file
              + " has training-state version "
              + (v == null ? "(none)" : v.asText())
              + "; this build reads version "
              + FORMAT_VERSION);
    }
    try {
      return Json.mapper().treeToValue(tree, TrainingState.class);
    } catch (JsonProcessingException e) {
      throw new BadTrainingStateException(file + ": bad training state: " + e.getOriginalMessage());
    }
  }
}
