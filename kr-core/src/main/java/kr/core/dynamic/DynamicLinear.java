package kr.core.dynamic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.FanIn;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.family.TFloating;

/**
 * A linear layer whose kernel is mixed per sample from n kernels (paper Eq. 1) on inputs [B, C] or
 * tokens [B, N, C] (ViT attention/MLP linears, PoolFormer MLPs). Parameters: {@code kernels} [n,
 * in, out] and a static {@code bias} [out].
 *
 * <p>FLOPs are counted by the paper's convention, whatever the execution strategy: the linear's
 * N·in·out plus n·in·out to aggregate the sample's kernel.
 */
public final class DynamicLinear {
  /** Name scope of a dynamic layer's own ops, under the layer's path. */
  public static final String DYNAMIC_SCOPE = "dynamic";

  /** Name scope of the per-sample kernel aggregation, under the layer's path. */
  public static final String AGGREGATE_SCOPE = "aggregate";

  private final String name;
  private final int outFeatures;
  private final int kernels;
  private final boolean bias;
  private final Init kernelInit;
  private final Strategy strategy;

  public DynamicLinear(String name, int outFeatures, int kernels) {
    this(name, outFeatures, kernels, true, Init.lecunUniform(), Strategy.AUTO);
  }

  private DynamicLinear(
      String name, int outFeatures, int kernels, boolean bias, Init kernelInit, Strategy strategy) {
    this.name = Checks.notNull("name", name);
    this.outFeatures = Checks.positive("outFeatures", outFeatures);
    this.kernels = Checks.positive("kernels (multiplier)", kernels);
    this.bias = bias;
    this.kernelInit = Checks.notNull("kernelInit", kernelInit);
    this.strategy = Checks.notNull("strategy", strategy);
  }

  public DynamicLinear withStrategy(Strategy s) {
    Checks.check(s != Strategy.GROUPED_BATCH, "strategy", s, "is for convolutions only");
    return new DynamicLinear(name, outFeatures, kernels, bias, kernelInit, s);
  }

  public DynamicLinear withKernelInit(Init init) {
    return new DynamicLinear(name, outFeatures, kernels, bias, init, strategy);
  }

  public DynamicLinear withoutBias() {
    return new DynamicLinear(name, outFeatures, kernels, false, kernelInit, strategy);
  }

  public String name() {
    return name;
  }

  public int outFeatures() {
    return outFeatures;
  }

  public int kernels() {
    return kernels;
  }

  /** The strategy used for a given input (resolving AUTO). */
  public Strategy strategyFor(long positions, long in) {
    return strategy == Strategy.AUTO
        ? CostModel.linear(positions, kernels, in, outFeatures)
        : strategy;
  }

  public <T extends TFloating> Operand<T> apply(
      BuildContext<T> ctx, Operand<T> x, KernelCoefficients<T> coeffs) {
    BuildContext<T> c = ctx.child(name);
    // The layer's ops go in its "dynamic" scope, the kernel aggregation in "aggregate".
    Ops tf = c.child(DYNAMIC_SCOPE).tf();
    long[] dims = BuildContext.staticDims(x, name + " input");
    Checks.check(
        dims.length == 2 || dims.length == 3,
        name + " input",
        x.shape(),
        "must be [B, C] or [B, N, C]");
    boolean tokens = dims.length == 3;
    long in = dims[dims.length - 1];
    long positions = tokens ? dims[1] : 1;
    coeffs.check(name, kernels, in, outFeatures, 1);
    Operand<T> w =
        c.param(
            "kernels",
            ParamSpec.trainable(
                new long[] {kernels, in, outFeatures}, in, outFeatures, kernelInit));

    Operand<T> x3 = tokens ? x : tf.expandDims(x, tf.constant(1));
    if (coeffs.inChannel().isPresent()) {
      x3 = tf.math.mul(x3, tf.expandDims(coeffs.inChannel().get(), tf.constant(1)));
    }
    Operand<T> y =
        switch (strategyFor(positions, in)) {
          case PER_SAMPLE -> perSample(tf, c.child(AGGREGATE_SCOPE).tf(), x3, w, coeffs, in);
          case MIXTURE -> mixture(tf, x3, w, coeffs, in, positions);
          default -> throw new IllegalStateException("unreachable");
        };
    if (coeffs.outChannel().isPresent()) {
      y = tf.math.mul(y, tf.expandDims(coeffs.outChannel().get(), tf.constant(1)));
    }
    if (bias) {
      y = tf.nn.biasAdd(y, c.param("bias", ParamSpec.vector(outFeatures, Init.zeros())));
    }
    if (!tokens) {
      y = tf.squeeze(y, Squeeze.axis(List.of(1L)));
    }
    List<Operand<T>> parts = coeffs.parts();
    if (!parts.isEmpty()) {
      c.tap(KernelCoefficients.TAP, parts);
    }
    c.countMacs("linear", positions * in * outFeatures);
    c.countMacs("kernel-aggregation", (long) kernels * in * outFeatures);
    return y;
  }

  private <T extends TFloating> Operand<T> perSample(
      Ops tf, Ops agg, Operand<T> x3, Operand<T> w, KernelCoefficients<T> coeffs, long in) {
    Operand<T> wb = aggregate(agg, w, coeffs.kernel(), new long[] {-1, in, outFeatures});
    return tf.train.batchMatMul(x3, wb, x3.type());
  }

  private <T extends TFloating> Operand<T> mixture(
      Ops tf, Operand<T> x3, Operand<T> w, KernelCoefficients<T> coeffs, long in, long positions) {
    Operand<T> stacked = tf.reshape(w, tf.constant(new long[] {kernels * in, outFeatures}));
    Operand<T> xs;
    if (coeffs.kernel().isEmpty()) {
      xs = x3;
    } else {
      Operand<T> alpha = coeffs.kernel().get();
      List<Operand<T>> parts = new ArrayList<>(kernels);
      for (int k = 0; k < kernels; k++) {
        Operand<T> ak =
            tf.reshape(
                tf.stridedSlice(alpha, Indices.all(), Indices.slice(k, k + 1)),
                tf.constant(new long[] {-1, 1, 1}));
        parts.add(tf.math.mul(x3, ak));
      }
      xs = FanIn.concat(tf, parts, 2);
    }
    Operand<T> flat = tf.reshape(xs, tf.constant(new long[] {-1, kernels * in}));
    return tf.reshape(
        tf.linalg.matMul(flat, stacked), tf.constant(new long[] {-1, positions, outFeatures}));
  }

  /** Σ_k α[b,k]·W_k as [B, ...]: one [B, n]·[n, |W|] product, reshaped to {@code dims}. */
  static <T extends TFloating> Operand<T> aggregate(
      Ops tf, Operand<T> kernels, Optional<Operand<T>> alpha, long[] dims) {
    long n = kernels.shape().get(0);
    long size = kernels.shape().size() / n;
    Operand<T> flat = tf.reshape(kernels, tf.constant(new long[] {n, size}));
    if (alpha.isEmpty()) {
      // n = 1 with no coefficient: the same kernel for every sample, broadcast over the batch.
      long[] one = dims.clone();
      one[0] = 1;
      return tf.reshape(flat, tf.constant(one));
    }
    return tf.reshape(tf.linalg.matMul(alpha.get(), flat), tf.constant(dims));
  }
}
