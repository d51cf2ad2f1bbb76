package kr.core.layers;

import kr.core.graph.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Parameter-free element-wise activations. */
public enum Activation implements Layer {
  IDENTITY,
  RELU,
  RELU6,
  /** Exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2. */
  GELU,
  SIGMOID,
  /** relu6(x + 3) / 6. */
  HARD_SIGMOID;

  @Override
  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    Ops tf = ctx.tf();
    return switch (this) {
      case IDENTITY -> x;
      case RELU -> tf.nn.relu(x);
      case RELU6 -> tf.nn.relu6(x);
      case GELU ->
          tf.math.mul(
              tf.math.mul(x, ctx.scalar(0.5)),
              tf.math.add(ctx.scalar(1), tf.math.erf(tf.math.mul(x, ctx.scalar(Math.sqrt(0.5))))));
      case SIGMOID -> tf.math.sigmoid(x);
      case HARD_SIGMOID ->
          tf.math.mul(tf.nn.relu6(tf.math.add(x, ctx.scalar(3))), ctx.scalar(1.0 / 6));
    };
  }
}
