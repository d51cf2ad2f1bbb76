package kr.core.layers;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/** Layer normalisation over the last axis. Parameters: {@code gamma}, {@code beta}. */
public final class LayerNorm implements Layer {
  private final String name;
  private final double epsilon;

  public LayerNorm(String name) {
    this(name, 1e-6);
  }

  public LayerNorm(String name, double epsilon) {
    this.name = Checks.notNull("name", name);
    this.epsilon = Checks.positive("epsilon", epsilon);
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
    long channels = dims[dims.length - 1];
    Operand<T> gamma = c.param("gamma", ParamSpec.vector(channels, Init.ones()));
    Operand<T> beta = c.param("beta", ParamSpec.vector(channels, Init.zeros()));
    Operand<TInt32> last = tf.constant(new int[] {dims.length - 1});
    Operand<T> mean = tf.math.mean(x, last, Mean.keepDims(true));
    Operand<T> centered = tf.math.sub(x, mean);
    Operand<T> var = tf.math.mean(tf.math.square(centered), last, Mean.keepDims(true));
    Operand<T> normed = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(var, c.scalar(epsilon))));
    return tf.math.add(tf.math.mul(normed, gamma), beta);
  }
}
