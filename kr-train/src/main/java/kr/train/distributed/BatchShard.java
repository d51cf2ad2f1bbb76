package kr.train.distributed;

import java.util.Arrays;
import kr.core.graph.Checks;

/**
 * The part of each global batch that one task reads. The global batch of step {@code t} is what a
 * single process reads: positions {@code [t·B, min((t+1)·B, n))} of the epoch order ({@code
 * kr.data.pipeline.EpochOrder}). It is split into {@code numTasks} contiguous shards, and task
 * {@code i} reads shard {@code i}; the shards of a step are disjoint and their concatenation in
 * task order is the single-process batch, so a data-parallel run sees exactly the examples, in the
 * order, of the single-process run with the same seed.
 *
 * <p>Shard sizes differ by at most one: the first {@code size mod numTasks} shards take one extra
 * example. With a global batch divisible by {@code numTasks} every full batch splits evenly, and
 * the mean of the per-task mean gradients equals the single-process mean gradient; a short last
 * batch that does not divide evenly weights the tasks' examples slightly unequally.
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

  /**
   * @return the shard of this process's task in {@code cluster}
   */
  public static BatchShard of(ClusterSpec cluster) {
    return new BatchShard(cluster.taskIndex(), cluster.size());
  }

  /**
   * @param globalBatchSize the single-process batch size {@code B}; at least {@code numTasks} so no
   *     shard is empty
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
    long start = (long) step * globalBatchSize;
    int size = (int) Math.min(globalBatchSize, datasetSize - start);
    int base = size / numTasks;
    int extra = size % numTasks;
    int from = (int) start + taskIndex * base + Math.min(taskIndex, extra);
    int to = from + base + (taskIndex < extra ? 1 : 0);
    return new int[] {from, to};
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
