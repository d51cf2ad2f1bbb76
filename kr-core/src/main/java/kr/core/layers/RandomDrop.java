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
 * Inverted dropout with a mask whose shape the subclass chooses: {@link Dropout} one number per
 * element, {@link DropPath} one per sample. In training, the masked entries are zeroed with
 * probability {@code rate} and the kept ones scaled by {@code 1/(1−rate)}; at inference, or at rate
 * 0, the layer is the identity. The mask is a function of (step, layer path) when the trainer
 * installed the step (see {@link BuildContext#setRandomStep}).
 */
abstract sealed class RandomDrop implements Layer permits Dropout, DropPath {
  private final String name;
  private final double rate;

  /**
   * @param name layer name (the mask's seed derives from its path)
   * @param rateName what {@code rate} is called in error messages
   * @param rate probability of dropping, in [0, 0.999]
   */
  RandomDrop(String name, String rateName, double rate) {
    this.name = Checks.notNull("name", name);
    this.rate = Checks.inRange(rateName, rate, 0, 0.999);
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * @return the probability of dropping
   */
  public final double rate() {
    return rate;
  }

  @Override
  public final <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    BuildContext<T> c = ctx.child(name);
    return drop(ctx, c, x, maskShape(c, x));
  }

  /** The shape of the uniform draws, broadcast against {@code x} (built in the layer's context). */
  abstract <T extends TFloating> Operand<? extends TNumber> maskShape(
      BuildContext<T> c, Operand<T> x);

  /**
   * x·keep/(1 − rate), keep = ⌊u + 1 − rate⌋ for u uniform in [0, 1) of {@code maskShape}
   * (broadcast against x): drawn from (step, {@code c}'s path) when the trainer installed the step,
   * else from a seed of the path.
   *
   * @param ctx the layer's caller's context (seed, dtype, step)
   * @param c the layer's own context (its path seeds the mask)
   */
  private <T extends TFloating> Operand<T> drop(
      BuildContext<T> ctx, BuildContext<T> c, Operand<T> x, Operand<? extends TNumber> maskShape) {
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
