package kr.core.layers;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Inverted dropout: in training, zeroes elements with probability p and scales by 1/(1-p). The mask
 * is a function of (step, layer path) when the trainer installed the step (see {@link
 * BuildContext#setRandomStep}).
 */
public final class Dropout implements Layer {
  private final String name;
  private final double rate;

  public Dropout(String name, double rate) {
    this.name = Checks.notNull("name", name);
    this.rate = Checks.inRange("dropout rate", rate, 0, 0.999);
  }

  @Override
  public String name() {
    return name;
  }

  public double rate() {
    return rate;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.tf();
    long seed = ctx.seed() ^ BuildContext.seedOf(c.path());
    Operand<T> u;
    if (ctx.randomStep().isPresent()) {
      Operand<TInt64> pair = tf.stack(List.of(ctx.randomStep().get(), tf.constant(seed)));
      u = tf.dtypes.cast(tf.random.statelessRandomUniform(tf.shape(x), pair), ctx.dtype());
    } else {
      u =
          tf.random.randomUniform(
              tf.shape(x), ctx.dtype(), RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 17));
    }
    Operand<T> keep = tf.math.floor(tf.math.add(u, ctx.scalar(1 - rate)));
    return tf.math.mul(x, tf.math.mul(keep, ctx.scalar(1 / (1 - rate))));
  }
}
