package kr.core.layers;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Group normalisation on NHWC maps (Wu &amp; He, ECCV 2018; PyTorch {@code nn.GroupNorm}): each
 * sample's channels are split into {@code groups} groups, each normalised over (H, W, channels of
 * the group), then scaled and shifted per channel. PoolFormer uses one group ({@code GroupNorm(1,
 * C)}): statistics over the whole sample. Parameters: {@code gamma}, {@code beta}. Biased variance
 * and ε = 1e-5, as PyTorch.
 */
public final class GroupNorm implements Layer {
  public static final double DEFAULT_EPSILON = 1e-5;

  private final String name;
  private final int groups;
  private final double epsilon;

  /** One group (PoolFormer's norm layer). */
  public GroupNorm(String name) {
    this(name, 1, DEFAULT_EPSILON);
  }

  public GroupNorm(String name, int groups, double epsilon) {
    this.name = Checks.notNull("name", name);
    this.groups = Checks.positive("groups", groups);
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
    Checks.check(dims.length == 4, name + " input", x.shape(), "must be NHWC (rank 4)");
    long channels = dims[3];
    Checks.check(
        channels % groups == 0,
        name + " channels",
        channels,
        "must be divisible by groups=" + groups);
    Affine<T> affine = Affine.declare(c, channels, Init.ones());
    Operand<T> g =
        groups == 1
            ? x
            : tf.reshape(
                x, tf.constant(new long[] {-1, dims[1], dims[2], groups, channels / groups}));
    int[] axes = groups == 1 ? new int[] {1, 2, 3} : new int[] {1, 2, 4};
    Operand<T> normed = Affine.standardize(c, g, tf.constant(axes), epsilon);
    if (groups > 1) {
      normed = tf.reshape(normed, tf.constant(new long[] {-1, dims[1], dims[2], channels}));
    }
    return affine.apply(tf, normed);
  }
}
