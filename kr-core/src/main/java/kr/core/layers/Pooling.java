package kr.core.layers;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Spatial pooling layers on NHWC maps and the global average used by heads and KR units. */
public final class Pooling {
  private Pooling() {}

  /** Mean over every axis between batch and channels: [B, H, W, C] or [B, N, C] → [B, C]. */
  public static <T extends TFloating> Operand<T> globalAverage(BuildContext<T> ctx, Operand<T> x) {
    long[] dims = BuildContext.staticDims(x, "pooled input");
    Checks.check(dims.length >= 2, "pooled input", x.shape(), "must have rank >= 2");
    if (dims.length == 2) {
      return x;
    }
    int[] axes = new int[dims.length - 2];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return ctx.tf().math.mean(x, ctx.tf().constant(axes));
  }

  /** k×k max pooling with the given stride and padding (explicit padding pads with -inf). */
  public static Layer max(String name, int kernel, int stride, Padding padding) {
    return new Pool(name, true, kernel, stride, padding);
  }

  /** k×k average pooling (explicit padding counts the zeros, as PyTorch's default). */
  public static Layer average(String name, int kernel, int stride, Padding padding) {
    return new Pool(name, false, kernel, stride, padding);
  }

  private record Pool(String name, boolean max, int kernel, int stride, Padding padding)
      implements Layer {
    Pool {
      Checks.notNull("name", name);
      Checks.positive("pool kernel", kernel);
      Checks.positive("pool stride", stride);
      Checks.notNull("padding", padding);
    }

    @Override
    public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
      Ops tf = ctx.child(name).tf();
      long[] dims = BuildContext.staticDims(x, name + " input");
      Checks.check(dims.length == 4, name + " input", x.shape(), "must be NHWC (rank 4)");
      Operand<T> in = x;
      if (padding.kind() == Padding.Kind.EXPLICIT && padding.amount() > 0) {
        int p = padding.amount();
        double fill = max ? -1e30 : 0;
        in = tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), ctx.scalar(fill));
      }
      String pad = padding.kind() == Padding.Kind.SAME ? "SAME" : "VALID";
      if (max) {
        return tf.nn.maxPool(
            in,
            tf.constant(new int[] {1, kernel, kernel, 1}),
            tf.constant(new int[] {1, stride, stride, 1}),
            pad);
      }
      return tf.nn.avgPool(
          in,
          List.of(1L, (long) kernel, (long) kernel, 1L),
          List.of(1L, (long) stride, (long) stride, 1L),
          pad);
    }
  }
}
