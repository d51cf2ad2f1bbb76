package kr.core.dynamic;

import java.util.ArrayList;
import java.util.List;
import kr.core.graph.Checks;
import kr.core.graph.FanIn;
import kr.core.layers.ConvGeometry;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Convolution of each sample with its own kernel, for methods that generate the kernel directly
 * rather than mixing stored ones (WeightNet). The same im2col route as {@link
 * kr.core.dynamic.DynamicConv2d}'s PER_SAMPLE strategy: padding, k² strided slices, then a batched
 * [Ho·Wo, k²·Cin]·[k²·Cin, Cout] product per sample (depthwise: an element-wise product summed over
 * the window). Differentiable on CPU in float32 and float64.
 */
public final class PerSampleConv {
  private PerSampleConv() {}

  /**
   * y_b = conv(x_b, W_b) for every sample b.
   *
   * @param x [B, H, W, Cin]
   * @param kernels [B, k, k, Cin/groups, Cout], the layout of {@link ConvGeometry#kernelDims()}
   *     with a leading batch axis
   */
  public static <T extends TFloating> Operand<T> apply(
      Ops tf, Operand<T> x, Operand<T> kernels, ConvGeometry g) {
    Checks.check(
        g.groups() == 1 || g.depthwise(),
        "per-sample convolution groups",
        g.groups(),
        "must be 1 or depthwise");
    int k = g.kernel();
    long ho = g.outSize(x.shape().get(1));
    long wo = g.outSize(x.shape().get(2));
    Operand<T> xp = g.padForWindows(tf, x);
    List<Operand<T>> windows = new ArrayList<>(k * k);
    int s = g.stride();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        windows.add(
            tf.stridedSlice(
                xp,
                Indices.all(),
                Indices.slice(i, i + (ho - 1) * s + 1, s),
                Indices.slice(j, j + (wo - 1) * s + 1, s),
                Indices.all()));
      }
    }
    long cin = g.in();
    long cout = g.out();
    if (g.depthwise()) {
      List<Operand<T>> stacked = new ArrayList<>(windows.size());
      for (Operand<T> w : windows) {
        stacked.add(tf.expandDims(w, tf.constant(3)));
      }
      Operand<T> patches = FanIn.concat(tf, stacked, 3); // [B, Ho, Wo, k², C]
      Operand<T> kern = tf.reshape(kernels, tf.constant(new long[] {-1, 1, 1, (long) k * k, cin}));
      return tf.reduceSum(tf.math.mul(patches, kern), tf.constant(3));
    }
    Operand<T> patches = FanIn.concat(tf, windows, 3);
    long depth = (long) k * k * cin;
    Operand<T> cols = tf.reshape(patches, tf.constant(new long[] {-1, ho * wo, depth}));
    Operand<T> kern = tf.reshape(kernels, tf.constant(new long[] {-1, depth, cout}));
    Operand<T> y = tf.train.batchMatMul(cols, kern, x.type());
    return tf.reshape(y, tf.constant(new long[] {-1, ho, wo, cout}));
  }
}
