package kr.core.layers;

import kr.core.graph.BatchStatistics;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Batch normalisation over the last (channel) axis of any input rank. Training mode normalises with
 * the batch statistics and registers update ops for the moving averages (PyTorch convention: {@code
 * moving = (1 - momentum)·moving + momentum·batch}, momentum 0.1, unbiased batch variance in the
 * moving average); inference mode uses the moving averages. Parameters: {@code gamma}, {@code
 * beta}; state: {@code moving_mean}, {@code moving_var}.
 *
 * <p>Float32 builds with local batch statistics run TensorFlow's FusedBatchNormV3 (one op forward,
 * one backward). Other types (float64 for gradient checks, which FusedBatchNorm does not take) and
 * synchronised statistics are written with plain moments: the batch statistics then come from the
 * context's {@link BatchStatistics} (synchronised over replicas when a data-parallel trainer
 * installs that). The moving averages go through {@link BuildContext#addMovingAverage} either way.
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
    Affine<T> affine = Affine.declare(c, channels, gammaInit);
    Operand<T> gamma = affine.gamma();
    Operand<T> beta = affine.beta();
    Variable<T> movingMean =
        c.state("moving_mean", ParamSpec.state(new long[] {channels}, Init.zeros()));
    Variable<T> movingVar =
        c.state("moving_var", ParamSpec.state(new long[] {channels}, Init.ones()));
    if (c.dtype() == TFloat32.class
        && (!c.training() || c.batchStatistics() == BatchStatistics.LOCAL)) {
      return fused(c, x, dims, gamma, beta, movingMean, movingVar);
    }
    Operand<T> mean;
    Operand<T> var;
    if (c.training()) {
      BatchStatistics.Moments<T> m = c.batchStatistics().moments(c, x);
      mean = m.mean();
      var = m.variance();
      // Unbiased variance for the running estimate, as PyTorch does: n / (n - 1).
      Operand<T> n = m.count();
      Operand<T> unbiased =
          tf.math.mul(
              var, tf.math.divNoNan(n, tf.math.maximum(tf.math.sub(n, c.scalar(1)), c.scalar(1))));
      c.addMovingAverage(movingMean, mean, momentum);
      c.addMovingAverage(movingVar, unbiased, momentum);
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
   * element-wise ops and reductions, on the input seen as NHWC [-1, 1, 1, C] when it is not 4-D. In
   * training its batch variance output is already Bessel-corrected (n / (n − 1)), which is what the
   * moving average takes.
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
      c.addMovingAverage(movingMean, bn.batchMean(), momentum);
      c.addMovingAverage(movingVar, bn.batchVariance(), momentum);
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
}
