package kr.backbones.methods;

import java.util.ArrayList;
import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.FanIn;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Small graph helpers shared by the methods. */
final class MethodOps {
  private MethodOps() {}

  /**
   * GAP of x [B, H, W, C] → [B, C], recording its H·W·C additions as {@code gap} (the "+ GAP" term
   * of the DyConv, ODConv and WeightNet conventions).
   */
  static <T extends TFloating> Operand<T> countedGap(BuildContext<T> ctx, Operand<T> x) {
    long[] dims = BuildContext.staticDims(x, "pooled input");
    Checks.check(dims.length == 4, "pooled input", x.shape(), "must be NHWC (rank 4)");
    ctx.countMacs("gap", dims[1] * dims[2] * dims[3]);
    return Pooling.globalAverage(ctx, x);
  }

  /** sigmoid(z / T) with the context's temperature. */
  static <T extends TFloating> Operand<T> sigmoidT(BuildContext<T> ctx, Operand<T> z) {
    return ctx.tf().math.sigmoid(ctx.tf().math.div(z, ctx.temperature()));
  }

  /** softmax(z / T) over the last axis with the context's temperature. */
  static <T extends TFloating> Operand<T> softmaxT(BuildContext<T> ctx, Operand<T> z) {
    return ctx.tf().nn.softmax(ctx.tf().math.div(z, ctx.temperature()));
  }

  /** DCD's Hsigmoid: relu6(z + 3) / 3, range [0, 2], 1 at 0 (not the usual /6). */
  static <T extends TFloating> Operand<T> hsigmoid3(BuildContext<T> ctx, Operand<T> z) {
    Ops tf = ctx.tf();
    return tf.math.mul(tf.nn.relu6(tf.math.add(z, ctx.scalar(3))), ctx.scalar(1.0 / 3));
  }

  /**
   * PyTorch's AdaptiveAvgPool2d(p) of x [B, H, W, C], flattened to [B, p·p·C] in (row, column,
   * channel) order. Bin i of an axis of size n covers [⌊i·n/p⌋, ⌈(i+1)·n/p⌉).
   */
  static <T extends TFloating> Operand<T> adaptiveAvgPool(
      BuildContext<T> ctx, Operand<T> x, int p) {
    Ops tf = ctx.tf();
    long[] dims = BuildContext.staticDims(x, "pooled input");
    if (p == 1) {
      return Pooling.globalAverage(ctx, x);
    }
    List<Operand<T>> cells = new ArrayList<>(p * p);
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        Operand<T> cell =
            tf.stridedSlice(
                x,
                Indices.all(),
                Indices.slice(binStart(i, dims[1], p), binEnd(i, dims[1], p)),
                Indices.slice(binStart(j, dims[2], p), binEnd(j, dims[2], p)),
                Indices.all());
        cells.add(Pooling.globalAverage(ctx, cell));
      }
    }
    return FanIn.concat(tf, cells, 1);
  }

  static long binStart(int i, long n, int p) {
    return Math.floorDiv(i * n, p);
  }

  static long binEnd(int i, long n, int p) {
    return -Math.floorDiv(-(i + 1) * n, p);
  }
}
