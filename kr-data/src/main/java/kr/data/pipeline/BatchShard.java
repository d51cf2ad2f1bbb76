package kr.data.pipeline;

import java.util.Arrays;
import kr.data.Checks;

/**
 * The part of each global batch that one task reads. The global batch of step {@code t} is what a
 * single process reads: positions {@code [t·B, min((t+1)·B, n))} of the epoch order ({@code
 * EpochOrder}). It is split into {@code numTasks} contiguous shards, and task {@code i} reads shard
 * {@code i}; the shards of a step are disjoint and their concatenation in task order is the
 * single-process batch, so a data-parallel run sees exactly the examples, in the order, of the
 * single-process run with the same seed.
 *
 * <p>Shard sizes differ by at most one: the first {@code size mod numTasks} shards take one extra
 * example. A data-parallel trainer weights each task's mean gradient by its share of the batch, so
 * the all-reduced gradient is the single-process one whether or not the batch divides evenly.
 *
 * @param taskIndex this task, in {@code 0..numTasks-1}
 * @param numTasks number of tasks reading the same global batches
 */
public record BatchShard(int taskIndex, int numTasks) {
  /** Validates the index. */
  public BatchShard {
    Checks.positive("numTasks", numTasks);
    Checks.check(
        taskIndex >= 0 && taskIndex < numTasks,
        "taskIndex",
        taskIndex,
        "must be in 0.." + (numTasks - 1));
  }

  /** The whole batch: one task. */
  public static final BatchShard WHOLE = new BatchShard(0, 1);

  /**
   * @return whether this shard is the whole batch (one task)
   */
  public boolean whole() {
    return numTasks == 1;
  }

  /**
   * @param globalBatchSize the single-process batch size {@code B}; at least {@code numTasks} so no
   *     shard of a full batch is empty (a short last batch may leave some empty)
   * @param datasetSize examples per epoch {@code n}
   * @param step the step within the epoch, {@code 0..ceil(n/B)-1}
   * @return {@code [from, to)}: the positions in the epoch order this task reads at {@code step}
   */
  public int[] range(int globalBatchSize, int datasetSize, int step) {
    Checks.check(
        globalBatchSize >= numTasks,
        "globalBatchSize",
        globalBatchSize,
        "must be at least the number of tasks (" + numTasks + ")");
    Checks.nonNegative("datasetSize", datasetSize);
    int steps = (int) ((datasetSize + (long) globalBatchSize - 1) / globalBatchSize);
    Checks.check(
        step >= 0 && step < steps,
        "step",
        step,
        "must be in 0.."
            + (steps - 1)
            + " for "
            + datasetSize
            + " examples in batches of "
            + globalBatchSize);
    int start = (int) ((long) step * globalBatchSize);
    return part(start, (int) Math.min((long) start + globalBatchSize, datasetSize));
  }

  /**
   * This task's part of the positions {@code [from, to)} of one batch.
   *
   * @param from the batch's first position
   * @param to one past its last position, {@code >= from}
   * @return {@code [from', to')}: contiguous, possibly empty when the batch has fewer positions
   *     than there are tasks
   */
  public int[] part(int from, int to) {
    Checks.nonNegative("from", from);
    Checks.check(to >= from, "to", to, "must be >= from (" + from + ")");
    int size = to - from;
    int base = size / numTasks;
    int extra = size % numTasks;
    int start = from + taskIndex * base + Math.min(taskIndex, extra);
    return new int[] {start, start + base + (taskIndex < extra ? 1 : 0)};
  }

  /**
   * @param epochOrder the epoch's example order, e.g. {@code EpochOrder.shuffled(n, seed, epoch)}
   * @param globalBatchSize the single-process batch size
   * @param step the step within the epoch
   * @return the example indices this task reads at {@code step}
   */
  public int[] indices(int[] epochOrder, int globalBatchSize, int step) {
    Checks.notNull("epochOrder", epochOrder);
    int[] r = range(globalBatchSize, epochOrder.length, step);
    return Arrays.copyOfRange(epochOrder, r[0], r[1]);
  }
}
