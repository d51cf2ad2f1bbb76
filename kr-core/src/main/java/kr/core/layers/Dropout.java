package kr.core.layers;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

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
    return drop(ctx, c, x, c.tf().shape(x), rate);
  }

  /**
   * x·keep/(1 − rate), keep = ⌊u + 1 − rate⌋ for u uniform in [0, 1) of {@code maskShape}
   * (broadcast against x): drawn from (step, {@code c}'s path) when the trainer installed the step,
   * else from a seed of the path.
   *
   * @param ctx the layer's caller's context (seed, dtype, step)
   * @param c the layer's own context (its path seeds the mask)
   */
  static <T extends TFloating> Operand<T> drop(
      BuildContext<T> ctx,
      BuildContext<T> c,
      Operand<T> x,
      Operand<? extends TNumber> maskShape,
      double rate) {
    Ops tf = c.tf();
    long seed = ctx.seed() ^ BuildContext.seedOf(c.path());
    Operand<T> u;
    if (ctx.randomStep().isPresent()) {
      Operand<TInt64> pair = tf.stack(List.of(ctx.randomStep().get(), tf.constant(seed)));
      u = tf.dtypes.cast(tf.random.statelessRandomUniform(maskShape, pair), ctx.dtype());
    } else {
      u =
          tf.random.randomUniform(
              maskShape, ctx.dtype(), RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 17));
    }
    Operand<T> keep = tf.math.floor(tf.math.add(u, ctx.scalar(1 - rate)));
    return tf.math.mul(x, tf.math.mul(keep, ctx.scalar(1 / (1 - rate))));
  }
}
