package kr.core.layers;

import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The per-channel scale γ and shift β of a normalisation layer (parameters {@code gamma} and {@code
 * beta}, β zeros), and the standardisation the norms without running statistics share.
 */
record Affine<T extends TFloating>(Operand<T> gamma, Operand<T> beta) {

  /** Declares {@code gamma} ({@code gammaInit}) and {@code beta} (zeros) of {@code channels}. */
  static <T extends TFloating> Affine<T> declare(BuildContext<T> c, long channels, Init gammaInit) {
    Operand<T> gamma = c.param("gamma", ParamSpec.vector(channels, gammaInit));
    Operand<T> beta = c.param("beta", ParamSpec.vector(channels, Init.zeros()));
    return new Affine<>(gamma, beta);
  }

  /** normed·γ + β. */
  Operand<T> apply(Ops tf, Operand<T> normed) {
    return tf.math.add(tf.math.mul(normed, gamma), beta);
  }

  /** (x − mean)/√(var + ε), the moments over {@code axes} of x (kept as size-1 dimensions). */
  static <T extends TFloating> Operand<T> standardize(
      BuildContext<T> c, Operand<T> x, Operand<TInt32> axes, double epsilon) {
    Ops tf = c.tf();
    Operand<T> mean = tf.math.mean(x, axes, Mean.keepDims(true));
    Operand<T> centered = tf.math.sub(x, mean);
    Operand<T> var = tf.math.mean(tf.math.square(centered), axes, Mean.keepDims(true));
    return tf.math.mul(centered, tf.math.rsqrt(tf.math.add(var, c.scalar(epsilon))));
  }
}
