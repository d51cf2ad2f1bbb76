package kr.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Where a BatchNorm layer in training mode gets its batch statistics from. {@link #LOCAL}, the
 * default, computes them over the batch this graph sees; a data-parallel trainer installs another
 * implementation with {@link BuildContext#setBatchStatistics} to synchronise them across replicas
 * (every replica then normalises with the statistics of the whole global batch).
 */
@FunctionalInterface
public interface BatchStatistics {

  /**
   * Per-channel statistics of {@code x} over every axis but the last.
   *
   * @param c the layer's context (its ops, type and path)
   * @param x the layer's input, channels last, rank at least 2
   * @return the mean and biased variance (both {@code [C]}) and the number of values per channel
   *     they summarise (a scalar)
   */
  <T extends TFloating> Moments<T> moments(BuildContext<T> c, Operand<T> x);

  /**
   * Batch moments of one channel-last tensor.
   *
   * @param mean per-channel mean, {@code [C]}
   * @param variance per-channel biased variance, {@code [C]}
   * @param count values per channel that the moments summarise (a scalar of the same type)
   */
  record Moments<T extends TFloating>(Operand<T> mean, Operand<T> variance, Operand<T> count) {
    /** Checks the operands are set. */
    public Moments {
      Checks.notNull("mean", mean);
      Checks.notNull("variance", variance);
      Checks.notNull("count", count);
    }
  }

  /** The statistics of the batch this graph sees: two-pass mean and variance. */
  BatchStatistics LOCAL = BatchStatistics::local;

  /**
   * The local moments of {@code x}: the mean, then the mean squared difference from it.
   *
   * @param c where the ops go
   * @param x channels-last input
   * @return the moments over every axis but the last
   */
  static <T extends TFloating> Moments<T> local(BuildContext<T> c, Operand<T> x) {
    Ops tf = c.tf();
    long[] dims = BuildContext.staticDims(x, "batch statistics input");
    long channels = dims[dims.length - 1];
    int[] axes = new int[dims.length - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    Operand<T> m = tf.math.mean(x, tf.constant(axes), Mean.keepDims(true));
    Operand<T> v =
        tf.math.mean(tf.math.squaredDifference(x, m), tf.constant(axes), Mean.keepDims(true));
    Operand<T> count =
        tf.dtypes.cast(
            tf.math.div(tf.size(x), tf.dtypes.cast(tf.constant(channels), TInt32.class)),
            c.dtype());
    return new Moments<>(
        tf.reshape(m, tf.constant(new long[] {channels})),
        tf.reshape(v, tf.constant(new long[] {channels})),
        count);
  }
}
