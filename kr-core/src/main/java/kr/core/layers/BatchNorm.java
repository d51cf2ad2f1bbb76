package kr.core.layers;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Batch normalisation over the last (channel) axis of any input rank. Training mode normalises with
 * the batch statistics and registers update ops for the moving averages (PyTorch convention: {@code
 * moving = (1 - momentum)·moving + momentum·batch}, momentum 0.1, unbiased batch variance in the
 * moving average); inference mode uses the moving averages. Parameters: {@code gamma}, {@code
 * beta}; state: {@code moving_mean}, {@code moving_var}.
 *
 * <p>Float32 builds run TensorFlow's FusedBatchNormV3 (one op forward, one backward); other types
 * (float64 for gradient checks, which FusedBatchNorm does not take) are written with plain moments.
 */
public final class BatchNorm implements Layer {
  private final String name;
  private final double momentum;
  private final double epsilon;
  private final Init gammaInit;

  public BatchNorm(String name) {
    this(name, 0.1, 1e-5, Init.ones());
  }

  public BatchNorm(String name, double momentum, double epsilon, Init gammaInit) {
    this.name = Checks.notNull("name", name);
    this.momentum = Checks.inRange("momentum", momentum, 0, 1);
    this.epsilon = Checks.positive("epsilon", epsilon);
    this.gammaInit = Checks.notNull("gammaInit", gammaInit);
  }

  /** The same layer with γ initialised to zero (the last BN of a residual branch). */
  public BatchNorm withZeroGamma() {
    return new BatchNorm(name, momentum, epsilon, Init.zeros());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.tf();
    long[] dims = BuildContext.staticDims(x, name + " input");
    Checks.check(dims.length >= 2, name + " input", x.shape(), "must have rank >= 2");
    long channels = dims[dims.length - 1];
    Operand<T> gamma = c.param("gamma", ParamSpec.vector(channels, gammaInit));
    Operand<T> beta = c.param("beta", ParamSpec.vector(channels, Init.zeros()));
    Variable<T> movingMean =
        c.state("moving_mean", ParamSpec.state(new long[] {channels}, Init.zeros()));
    Variable<T> movingVar =
        c.state("moving_var", ParamSpec.state(new long[] {channels}, Init.ones()));
    if (c.dtype() == TFloat32.class) {
      return fused(c, x, dims, gamma, beta, movingMean, movingVar);
    }
    Operand<T> mean;
    Operand<T> var;
    if (c.training()) {
      int[] axes = new int[dims.length - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      Operand<T> m = tf.math.mean(x, tf.constant(axes), Mean.keepDims(true));
      Operand<T> v =
          tf.math.mean(tf.math.squaredDifference(x, m), tf.constant(axes), Mean.keepDims(true));
      mean = tf.reshape(m, tf.constant(new long[] {channels}));
      var = tf.reshape(v, tf.constant(new long[] {channels}));
      registerMovingAverages(c, mean, unbiased(c, x, var), movingMean, movingVar);
    } else {
      mean = tf.identity(movingMean);
      var = tf.identity(movingVar);
    }
    Operand<T> scale = tf.math.mul(gamma, tf.math.rsqrt(tf.math.add(var, c.scalar(epsilon))));
    Operand<T> shift = tf.math.sub(beta, tf.math.mul(mean, scale));
    return tf.math.add(tf.math.mul(x, scale), shift);
  }

  /**
   * Float32: one FusedBatchNormV3 (and one FusedBatchNormGradV3 backward) instead of about ten
   * element-wise ops and reductions, on the input seen as NHWC [-1, 1, 1, C] when it is not 4-D.
   * In training its batch variance output is already Bessel-corrected (n / (n − 1)), which is what
   * the moving average takes.
   */
  private <T extends TFloating> Operand<T> fused(
      BuildContext<T> c,
      Operand<T> x,
      long[] dims,
      Operand<T> gamma,
      Operand<T> beta,
      Variable<T> movingMean,
      Variable<T> movingVar) {
    Ops tf = c.tf();
    long channels = dims[dims.length - 1];
    Operand<T> x4 =
        dims.length == 4 ? x : tf.reshape(x, tf.constant(new long[] {-1, 1, 1, channels}));
    FusedBatchNorm<T, T> bn;
    if (c.training()) {
      Operand<T> none = tf.dtypes.cast(tf.constant(new float[0]), c.dtype());
      bn =
          tf.nn.fusedBatchNorm(
              x4,
              gamma,
              beta,
              none,
              none,
              FusedBatchNorm.isTraining(true),
              FusedBatchNorm.epsilon((float) epsilon),
              FusedBatchNorm.dataFormat("NHWC"));
      registerMovingAverages(c, bn.batchMean(), bn.batchVariance(), movingMean, movingVar);
    } else {
      bn =
          tf.nn.fusedBatchNorm(
              x4,
              gamma,
              beta,
              tf.identity(movingMean),
              tf.identity(movingVar),
              FusedBatchNorm.isTraining(false),
              FusedBatchNorm.epsilon((float) epsilon),
              FusedBatchNorm.dataFormat("NHWC"));
    }
    Operand<T> y = bn.y();
    if (dims.length != 4) {
      long[] out = dims.clone();
      out[0] = -1;
      y = tf.reshape(y, tf.constant(out));
    }
    return y;
  }

  /** The batch variance made unbiased for the running estimate, as PyTorch does: n / (n − 1). */
  private static <T extends TFloating> Operand<T> unbiased(
      BuildContext<T> c, Operand<T> x, Operand<T> var) {
    Ops tf = c.tf();
    Operand<T> count =
        tf.dtypes.cast(
            tf.math.div(tf.size(x), tf.dtypes.cast(tf.constant(var.shape().get(0)), TInt32.class)),
            c.dtype());
    return tf.math.mul(
        var,
        tf.math.divNoNan(count, tf.math.maximum(tf.math.sub(count, c.scalar(1)), c.scalar(1))));
  }

  private <T extends TFloating> void registerMovingAverages(
      BuildContext<T> c,
      Operand<T> mean,
      Operand<T> unbiasedVar,
      Variable<T> movingMean,
      Variable<T> movingVar) {
    Ops tf = c.tf();
    Operand<T> keep = c.scalar(1 - momentum);
    Operand<T> take = c.scalar(momentum);
    c.addUpdate(
        tf.assign(
            movingMean,
            tf.math.add(
                tf.math.mul(tf.identity(movingMean), keep),
                tf.math.mul(tf.stopGradient(mean), take))));
    c.addUpdate(
        tf.assign(
            movingVar,
            tf.math.add(
                tf.math.mul(tf.identity(movingVar), keep),
                tf.math.mul(tf.stopGradient(unbiasedVar), take))));
  }
}
