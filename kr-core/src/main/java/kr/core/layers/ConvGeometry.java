package kr.core.layers;

import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The shape of a convolution: channels, square kernel size, stride, padding and groups. Shared by
 * static and dynamic convolutions, so both agree on layouts, output sizes and FLOPs.
 */
public record ConvGeometry(int in, int out, int kernel, int stride, Padding padding, int groups) {

  public ConvGeometry {
    Checks.positive("in channels", in);
    Checks.positive("out channels", out);
    Checks.positive("kernel", kernel);
    Checks.positive("stride", stride);
    Checks.notNull("padding", padding);
    Checks.positive("groups", groups);
    Checks.check(in % groups == 0, "in channels", in, "must be divisible by groups=" + groups);
    Checks.check(out % groups == 0, "out channels", out, "must be divisible by groups=" + groups);
  }

  /** A dense k×k convolution with PyTorch padding k/2. */
  public static ConvGeometry of(int in, int out, int kernel, int stride) {
    return new ConvGeometry(in, out, kernel, stride, Padding.half(kernel), 1);
  }

  /** A depthwise k×k convolution (groups = channels). */
  public static ConvGeometry depthwise(int channels, int kernel, int stride) {
    return new ConvGeometry(channels, channels, kernel, stride, Padding.half(kernel), channels);
  }

  public ConvGeometry withPadding(Padding p) {
    return new ConvGeometry(in, out, kernel, stride, p, groups);
  }

  public ConvGeometry withGroups(int g) {
    return new ConvGeometry(in, out, kernel, stride, padding, g);
  }

  /** True when every channel has its own filter (groups == in == out). */
  public boolean depthwise() {
    return groups > 1 && groups == in && groups == out;
  }

  /** Kernel dims [k, k, in/groups, out]. */
  public long[] kernelDims() {
    return new long[] {kernel, kernel, in / groups, out};
  }

  /** Weights in one kernel. */
  public long kernelSize() {
    return (long) kernel * kernel * (in / groups) * out;
  }

  public ParamSpec kernelSpec(Init init) {
    long receptive = (long) kernel * kernel;
    return ParamSpec.trainable(
        kernelDims(), receptive * (in / groups), receptive * out / groups, init);
  }

  public long outSize(long size) {
    return padding.outSize(size, kernel, stride);
  }

  public long macs(long h, long w) {
    return Conv2d.convMacs(this, h, w);
  }

  void checkInput(String layer, long[] dims) {
    Checks.check(dims.length == 4, layer + " input", dims, "must be NHWC (rank 4)");
    Checks.check(dims[3] == in, layer + " input channels", dims[3], "must equal " + in);
    Checks.check(
        outSize(dims[1]) > 0 && outSize(dims[2]) > 0,
        layer + " input",
        dims,
        "is smaller than the kernel " + kernel);
  }

  /** Zero padding [before, after] of an axis of size {@code size}, as the op would apply it. */
  public int[] padsFor(long size) {
    return switch (padding.kind()) {
      case VALID -> new int[] {0, 0};
      case EXPLICIT -> new int[] {padding.amount(), padding.amount()};
      case SAME -> {
        long total = Math.max((outSize(size) - 1) * stride + kernel - size, 0);
        yield new int[] {(int) (total / 2), (int) (total - total / 2)};
      }
    };
  }

  /** Pads x [B, H, W, C] as the convolution would, so a VALID window walk follows. */
  public <T extends TFloating> Operand<T> padForWindows(Ops tf, Operand<T> x) {
    int[] ph = padsFor(x.shape().get(1));
    int[] pw = padsFor(x.shape().get(2));
    if (ph[0] + ph[1] + pw[0] + pw[1] == 0) {
      return x;
    }
    return tf.pad(
        x,
        tf.constant(new int[][] {{0, 0}, ph, pw, {0, 0}}),
        tf.dtypes.cast(tf.constant(0f), x.type()));
  }

  /** Applies explicit padding (a no-op for SAME/VALID). */
  public <T extends TFloating> Operand<T> padInput(Ops tf, Operand<T> x) {
    if (padding.kind() != Padding.Kind.EXPLICIT || padding.amount() == 0) {
      return x;
    }
    int p = padding.amount();
    return tf.pad(
        x,
        tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}),
        tf.dtypes.cast(tf.constant(0f), x.type()));
  }
}
