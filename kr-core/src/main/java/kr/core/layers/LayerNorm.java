package kr.core.layers;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
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
    Affine<T> affine = Affine.declare(c, channels, Init.ones());
    Operand<TInt32> last = tf.constant(new int[] {dims.length - 1});
    return affine.apply(tf, Affine.standardize(c, x, last, epsilon));
  }
}
