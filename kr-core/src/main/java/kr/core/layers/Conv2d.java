package kr.core.layers;

import java.util.ArrayList;
import java.util.List;
import kr.core.flops.Macs;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.FanIn;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * 2-D convolution on NHWC inputs. Kernel layout [kh, kw, in/groups, out]; {@code groups == in ==
 * out} is a depthwise convolution (run with {@code DepthwiseConv2dNative}). Parameters: {@code
 * kernel} and optional {@code bias}. Default init: He normal, fan-out (torchvision's ResNet and
 * MobileNetV2).
 */
public final class Conv2d implements Layer {
  private final String name;
  private final ConvGeometry geometry;
  private final boolean bias;
  private final Init kernelInit;

  public Conv2d(String name, ConvGeometry geometry) {
    this(name, geometry, false, Init.heNormal(Init.Fan.OUT));
  }

  private Conv2d(String name, ConvGeometry geometry, boolean bias, Init kernelInit) {
    this.name = Checks.notNull("name", name);
    this.geometry = Checks.notNull("geometry", geometry);
    this.bias = bias;
    this.kernelInit = Checks.notNull("kernelInit", kernelInit);
  }

  public Conv2d withBias() {
    return new Conv2d(name, geometry, true, kernelInit);
  }

  public Conv2d withKernelInit(Init init) {
    return new Conv2d(name, geometry, bias, init);
  }

  @Override
  public String name() {
    return name;
  }

  public ConvGeometry geometry() {
    return geometry;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    long[] dims = BuildContext.staticDims(x, name + " input");
    geometry.checkInput(name, dims);
    Operand<T> w = c.param("kernel", geometry.kernelSpec(kernelInit));
    Operand<T> y = convolve(c.tf(), x, w, geometry);
    if (bias) {
      y = c.tf().nn.biasAdd(y, c.param("bias", ParamSpec.vector(geometry.out(), Init.zeros())));
    }
    c.countMacs("conv", geometry.macs(dims[1], dims[2]));
    return y;
  }

  /** Static convolution of x with a kernel in this layer's layout. */
  public static <T extends TFloating> Operand<T> convolve(
      Ops tf, Operand<T> x, Operand<T> kernel, ConvGeometry g) {
    Operand<T> in = g.padInput(tf, x);
    List<Long> strides = List.of(1L, (long) g.stride(), (long) g.stride(), 1L);
    String pad = g.padding().tfName();
    if (g.depthwise()) {
      Operand<T> dw =
          tf.reshape(kernel, tf.constant(new long[] {g.kernel(), g.kernel(), g.in(), 1}));
      return tf.nn.depthwiseConv2dNative(in, dw, strides, pad);
    }
    if (g.groups() == 1) {
      return tf.nn.conv2d(in, kernel, strides, pad);
    }
    // TF's CPU Conv2D runs grouped convolutions forward but cannot differentiate them
    // (Conv2DBackpropFilter rejects the grouped filter), so groups are split explicitly.
    long cinG = g.in() / g.groups();
    long coutG = g.out() / g.groups();
    List<Operand<T>> outs = new ArrayList<>(g.groups());
    for (int i = 0; i < g.groups(); i++) {
      Operand<T> xi =
          tf.stridedSlice(
              in,
              Indices.all(),
              Indices.all(),
              Indices.all(),
              Indices.slice(i * cinG, (i + 1) * cinG));
      Operand<T> wi =
          tf.stridedSlice(
              kernel,
              Indices.all(),
              Indices.all(),
              Indices.all(),
              Indices.slice(i * coutG, (i + 1) * coutG));
      outs.add(tf.nn.conv2d(xi, wi, strides, pad));
    }
    return FanIn.concat(tf, outs, 3);
  }

  /** Multiply-accumulates per sample for an input of spatial size h×w. */
  public long macs(long h, long w) {
    return geometry.macs(h, w);
  }

  static long convMacs(ConvGeometry g, long h, long w) {
    return Macs.conv(
        g.outSize(h), g.outSize(w), g.kernel(), g.kernel(), g.in(), g.out(), g.groups());
  }
}
