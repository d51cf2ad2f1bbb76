package kr.train.distributed;

import java.util.List;
import kr.core.graph.BatchStatistics;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Synchronised BatchNorm: every replica normalises with the mean and variance of the whole global
 * batch, as one process holding the global batch would.
 *
 * <p>Each BatchNorm layer gathers every replica's local moments, {@code (n_r, mean_r, var_r)} of
 * its own slice ({@code n_r} values per channel, two-pass variance), and combines them as PyTorch's
 * SyncBatchNorm does: {@code N = Σ n_r}, {@code mean = Σ n_r·mean_r / N}, {@code var = Σ n_r·(var_r
 * + (mean_r − mean)²) / N}, which has no cancellation (unlike {@code E[x²] − mean²}). The gather is
 * a sum all-reduce of a {@code [replicas, 2C + 1]} matrix in which each replica fills its own row:
 * one collective per layer forward and one backward (the collective's gradient, {@link
 * Collectives#registerGradient}), so the gradient is that of the global batch too.
 *
 * <p>One instance per replica (tower): it numbers its layers' collectives in build order from
 * {@link Collectives#SYNC_BATCH_NORM}, so every replica must build the same model once.
 */
public final class SyncBatchStatistics implements BatchStatistics {
  private final CollectiveGroup group;
  private final DeviceSpec device;
  private final int replica;
  private int next = Collectives.SYNC_BATCH_NORM;

  /**
   * @param group every replica of the run
   * @param device this replica's device
   * @param replica this replica's index in {@code 0..group.size()-1}
   */
  public SyncBatchStatistics(CollectiveGroup group, DeviceSpec device, int replica) {
    this.group = Checks.notNull("group", group);
    this.device = Checks.notNull("device", device);
    Checks.check(
        replica >= 0 && replica < group.size(),
        "replica",
        replica,
        "must be in 0.." + (group.size() - 1));
    this.replica = replica;
    Collectives.registerGradient();
  }

  @Override
  public <T extends TFloating> Moments<T> moments(BuildContext<T> c, Operand<T> x) {
    Moments<T> local = BatchStatistics.local(c, x);
    Ops tf = c.tf();
    int channels = Math.toIntExact(local.mean().shape().get(0));
    int replicas = group.size();
    Operand<T> row =
        tf.concat(
            List.of(
                local.mean(),
                local.variance(),
                tf.reshape(local.count(), tf.constant(new int[] {1}))),
            tf.constant(0));
    Operand<T> mine =
        tf.pad(
            tf.reshape(row, tf.constant(new int[] {1, 2 * channels + 1})),
            tf.constant(new int[][] {{replica, replicas - 1 - replica}, {0, 0}}),
            c.scalar(0));
    Checks.check(
        next < Collectives.EVALUATION,
        "synchronised BatchNorm layers",
        next - Collectives.SYNC_BATCH_NORM,
        "must be fewer than " + (Collectives.EVALUATION - Collectives.SYNC_BATCH_NORM));
    Operand<T> all = Collectives.reduce(tf, mine, device, group, next++, Collectives.Reduction.SUM);
    Operand<T> means = columns(tf, all, 0, channels, replicas);
    Operand<T> variances = columns(tf, all, channels, channels, replicas);
    Operand<T> counts = columns(tf, all, 2 * channels, 1, replicas);
    Operand<TInt32> overReplicas = tf.constant(new int[] {0});
    Operand<T> total = tf.reduceSum(counts, overReplicas);
    Operand<T> mean = tf.math.div(tf.reduceSum(tf.math.mul(counts, means), overReplicas), total);
    Operand<T> spread =
        tf.math.add(
            variances, tf.math.squaredDifference(means, tf.expandDims(mean, tf.constant(0))));
    Operand<T> variance =
        tf.math.div(tf.reduceSum(tf.math.mul(counts, spread), overReplicas), total);
    return new Moments<>(mean, variance, tf.reshape(total, tf.constant(new int[0])));
  }

  /** Columns {@code [from, from + size)} of a {@code [replicas, 2C + 1]} matrix. */
  private static <T extends TFloating> Operand<T> columns(
      Ops tf, Operand<T> m, int from, int size, int replicas) {
    return tf.slice(m, tf.constant(new int[] {0, from}), tf.constant(new int[] {replicas, size}));
  }
}
