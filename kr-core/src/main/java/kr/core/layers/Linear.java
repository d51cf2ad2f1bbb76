package kr.core.layers;

import kr.core.flops.Macs;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * y = x·W + b on the last axis of x ([B, C] or tokens [B, N, C]). Parameters: {@code kernel} [in,
 * out] and {@code bias} [out].
 */
public final class Linear implements Layer {
  private final String name;
  private final int outFeatures;
  private final boolean bias;
  private final Init kernelInit;

  public Linear(String name, int outFeatures) {
    this(name, outFeatures, true, Init.lecunUniform());
  }

  private Linear(String name, int outFeatures, boolean bias, Init kernelInit) {
    this.name = Checks.notNull("name", name);
    this.outFeatures = Checks.positive("outFeatures", outFeatures);
    this.bias = bias;
    this.kernelInit = Checks.notNull("kernelInit", kernelInit);
  }

  public Linear withoutBias() {
    return new Linear(name, outFeatures, false, kernelInit);
  }

  public Linear withKernelInit(Init init) {
    return new Linear(name, outFeatures, bias, init);
  }

  @Override
  public String name() {
    return name;
  }

  public int outFeatures() {
    return outFeatures;
  }

  /** Multiply-accumulates per sample for an input of per-sample shape [..., in]. */
  public long macs(long positions, long in) {
    return Macs.linear(positions, in, outFeatures);
  }

  @Override
  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    long[] dims = BuildContext.staticDims(x, name + " input");
    Checks.check(dims.length >= 2, name + " input", x.shape(), "must have rank >= 2");
    long in = dims[dims.length - 1];
    long positions = 1;
    for (int i = 1; i < dims.length - 1; i++) {
      positions *= dims[i];
    }
    Operand<T> w =
        c.param(
            "kernel",
            ParamSpec.trainable(new long[] {in, outFeatures}, in, outFeatures, kernelInit));
    Ops tf = c.tf();
    // One 2-D MatMul + BiasAdd, the pair TensorFlow's graph optimizer fuses into one oneDNN
    // kernel; BiasAddGrad sums the bias gradient in one pass.
    Operand<T> flat = dims.length == 2 ? x : tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<T> y = tf.linalg.matMul(flat, w);
    if (bias) {
      y = tf.nn.biasAdd(y, c.param("bias", ParamSpec.vector(outFeatures, Init.zeros())));
    }
    if (dims.length != 2) {
      long[] outDims = dims.clone();
      outDims[0] = -1;
      outDims[dims.length - 1] = outFeatures;
      y = tf.reshape(y, tf.constant(outDims));
    }
    c.countMacs("linear", macs(positions, in));
    return y;
  }
}
