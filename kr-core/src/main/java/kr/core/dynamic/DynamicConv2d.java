package kr.core.dynamic;

import java.util.ArrayList;
import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.FanIn;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A k×k convolution (dense, grouped or depthwise, any stride) whose kernel is mixed per sample from
 * n kernels, optionally with ODConv-style channel, filter and spatial attentions (see {@link
 * KernelCoefficients}). Parameters: {@code kernels} [n, k, k, in/groups, out], each initialised
 * independently (He normal, fan-out, as ODConv). No bias: a BatchNorm follows in every backbone.
 *
 * <p>Four execution {@link Strategy strategies} compute the same function. FLOPs follow the paper's
 * convention whatever the strategy: the convolution's MACs plus n·|W| for the per-sample
 * aggregation.
 */
public final class DynamicConv2d {
  private final String name;
  private final ConvGeometry geometry;
  private final int kernels;
  private final Init kernelInit;
  private final Strategy strategy;

  public DynamicConv2d(String name, ConvGeometry geometry, int kernels) {
    this(name, geometry, kernels, Init.heNormal(Init.Fan.OUT), Strategy.AUTO);
  }

  private DynamicConv2d(
      String name, ConvGeometry geometry, int kernels, Init kernelInit, Strategy strategy) {
    this.name = Checks.notNull("name", name);
    this.geometry = Checks.notNull("geometry", geometry);
    this.kernels = Checks.positive("kernels (multiplier)", kernels);
    this.kernelInit = Checks.notNull("kernelInit", kernelInit);
    this.strategy = Checks.notNull("strategy", strategy);
  }

  public DynamicConv2d withStrategy(Strategy s) {
    return new DynamicConv2d(name, geometry, kernels, kernelInit, s);
  }

  public DynamicConv2d withKernelInit(Init init) {
    return new DynamicConv2d(name, geometry, kernels, init, strategy);
  }

  public String name() {
    return name;
  }

  public ConvGeometry geometry() {
    return geometry;
  }

  public int kernels() {
    return kernels;
  }

  /** The strategy used for an input of spatial size h×w (resolving AUTO). */
  public Strategy strategyFor(long h, long w, boolean spatialAttention) {
    if (strategy != Strategy.AUTO) {
      return strategy;
    }
    long area = (long) geometry.kernel() * geometry.kernel();
    return CostModel.conv(
        geometry.outSize(h) * geometry.outSize(w),
        kernels,
        area,
        geometry.in() / geometry.groups(),
        geometry.out(),
        geometry.depthwise(),
        spatialAttention,
        geometry.groups());
  }

  public <T extends TFloating> Operand<T> apply(
      BuildContext<T> ctx, Operand<T> x, KernelCoefficients<T> coeffs) {
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.child(DynamicLinear.DYNAMIC_SCOPE).tf();
    Ops agg = c.child(DynamicLinear.AGGREGATE_SCOPE).tf();
    long[] dims = BuildContext.staticDims(x, name + " input");
    Checks.check(
        dims.length == 4 && dims[3] == geometry.in(),
        name + " input",
        x.shape(),
        "must be NHWC with " + geometry.in() + " channels");
    int k = geometry.kernel();
    coeffs.check(name, kernels, geometry.in(), geometry.out(), (long) k * k);
    Checks.check(
        coeffs.spatial().isEmpty() || k > 1,
        name + " spatial attention",
        "present",
        "needs a kernel larger than 1×1");
    ParamSpec one = geometry.kernelSpec(kernelInit);
    long[] kd = geometry.kernelDims();
    Operand<T> w =
        c.param(
            "kernels",
            ParamSpec.trainable(
                new long[] {kernels, kd[0], kd[1], kd[2], kd[3]},
                one.fanIn(),
                one.fanOut(),
                kernelInit));

    Operand<T> xs = x;
    if (coeffs.inChannel().isPresent()) {
      xs = tf.math.mul(x, bcast(tf, coeffs.inChannel().get(), geometry.in()));
    }
    Strategy s = strategyFor(dims[1], dims[2], coeffs.spatial().isPresent());
    Checks.check(
        s != Strategy.GROUPED_BATCH || !c.training() || geometry.depthwise(),
        name + " strategy",
        s,
        "runs in inference builds only for non-depthwise convolutions "
            + "(TF's CPU Conv2D has no filter gradient for grouped convolutions)");
    Operand<T> y =
        switch (s) {
          case PER_SAMPLE -> perSample(tf, agg, xs, w, coeffs);
          case GROUPED_BATCH -> groupedBatch(tf, xs, perSampleKernels(agg, w, coeffs));
          case MIXTURE -> mixture(tf, xs, w, coeffs);
          case PATCH_MIXTURE -> patchMixture(tf, xs, w, coeffs);
          case AUTO -> throw new IllegalStateException("unreachable");
        };
    if (coeffs.outChannel().isPresent()) {
      y = tf.math.mul(y, bcast(tf, coeffs.outChannel().get(), geometry.out()));
    }
    List<Operand<T>> parts = coeffs.parts();
    if (!parts.isEmpty()) {
      c.tap(KernelCoefficients.TAP, parts);
    }
    c.countMacs("conv", geometry.macs(dims[1], dims[2]));
    c.countMacs("kernel-aggregation", kernels * geometry.kernelSize());
    return y;
  }

  private static <T extends TFloating> Operand<T> bcast(Ops tf, Operand<T> a, long width) {
    return tf.reshape(a, tf.constant(new long[] {-1, 1, 1, width}));
  }

  /** W_b = (Σ_k α_k W_k) ⊙ spatial, as [B, k, k, in/g, out]. */
  private <T extends TFloating> Operand<T> perSampleKernels(
      Ops tf, Operand<T> w, KernelCoefficients<T> coeffs) {
    long[] kd = geometry.kernelDims();
    Operand<T> wb =
        DynamicLinear.aggregate(
            tf, w, coeffs.kernel(), new long[] {-1, kd[0], kd[1], kd[2], kd[3]});
    if (coeffs.spatial().isPresent()) {
      wb =
          tf.math.mul(
              wb,
              tf.reshape(coeffs.spatial().get(), tf.constant(new long[] {-1, kd[0], kd[1], 1, 1})));
    }
    return wb;
  }

  /**
   * im2col patches and a batched product with the per-sample kernels W_b = Σ_k α_k W_k, built in
   * the channel-major layout of the patches (the n stored kernels are transposed before the
   * aggregation, not the B per-sample ones after it). The spatial attention, shared by the n
   * kernels, scales whichever of patches and kernels is smaller: the kernels of a layer with fewer
   * output positions than output channels, the patches otherwise.
   */
  private <T extends TFloating> Operand<T> perSample(
      Ops tf, Ops agg, Operand<T> x, Operand<T> w, KernelCoefficients<T> coeffs) {
    Checks.check(
        geometry.groups() == 1 || geometry.depthwise(),
        name + " strategy",
        "PER_SAMPLE",
        "supports dense and depthwise convolutions, not groups=" + geometry.groups());
    long k = geometry.kernel();
    long[] kd = geometry.kernelDims();
    boolean dw = geometry.depthwise();
    Operand<T> cols = PerSampleConv.patches(tf, x, geometry);
    long positions = cols.shape().get(1) * cols.shape().get(2);
    boolean spatialOnPatches = !dw && positions < geometry.out();
    if (coeffs.spatial().isPresent() && spatialOnPatches) {
      cols = scaleWindows(tf, cols, coeffs.spatial().get());
    }
    int[] perm = dw ? new int[] {0, 4, 3, 1, 2} : new int[] {0, 3, 1, 2, 4};
    long[] dims = dw ? new long[] {-1, kd[3], 1, k, k} : new long[] {-1, kd[2], k, k, kd[3]};
    Operand<T> wb =
        DynamicLinear.aggregate(
            agg, agg.linalg.transpose(w, agg.constant(perm)), coeffs.kernel(), dims);
    if (coeffs.spatial().isPresent() && !spatialOnPatches) {
      long[] spatial = dw ? new long[] {-1, 1, 1, k, k} : new long[] {-1, 1, k, k, 1};
      wb = agg.math.mul(wb, agg.reshape(coeffs.spatial().get(), agg.constant(spatial)));
    }
    return PerSampleConv.product(tf, cols, wb, geometry);
  }

  /** Patches [B, Ho, Wo, C, k²] times the per-sample spatial attention [B, k²]. */
  private <T extends TFloating> Operand<T> scaleWindows(
      Ops tf, Operand<T> cols, Operand<T> spatial) {
    long area = (long) geometry.kernel() * geometry.kernel();
    return tf.math.mul(cols, tf.reshape(spatial, tf.constant(new long[] {-1, 1, 1, 1, area})));
  }

  /**
   * Σ_k α_k·(patches ⊙ spatial)·W_k: the spatial attention scales the im2col patches (it is shared
   * by the n kernels), one GEMM [B·Ho·Wo, k²·Cin]·[k²·Cin, n·Cout] runs every kernel, and the
   * outputs are mixed per sample. n× the convolution's MACs at dense-GEMM speed, and no per-sample
   * kernel is ever built.
   */
  private <T extends TFloating> Operand<T> patchMixture(
      Ops tf, Operand<T> x, Operand<T> w, KernelCoefficients<T> coeffs) {
    Checks.check(
        geometry.groups() == 1,
        name + " strategy",
        "PATCH_MIXTURE",
        "supports dense convolutions (groups = 1), not groups=" + geometry.groups());
    long area = (long) geometry.kernel() * geometry.kernel();
    long cin = geometry.in();
    long cout = geometry.out();
    int n = kernels;
    Operand<T> cols = PerSampleConv.patches(tf, x, geometry); // [B, Ho, Wo, Cin, k²]
    long ho = cols.shape().get(1);
    long wo = cols.shape().get(2);
    if (coeffs.spatial().isPresent()) {
      cols = scaleWindows(tf, cols, coeffs.spatial().get());
    }
    Operand<T> flat = tf.reshape(cols, tf.constant(new long[] {-1, area * cin}));
    Operand<T> all =
        tf.reshape(
            tf.linalg.transpose(w, tf.constant(new int[] {3, 1, 2, 0, 4})),
            tf.constant(new long[] {area * cin, n * cout}));
    Operand<T> y = tf.linalg.matMul(flat, all);
    if (coeffs.kernel().isPresent()) {
      Operand<T> split = tf.reshape(y, tf.constant(new long[] {-1, ho * wo, n, cout}));
      Operand<T> alpha = tf.reshape(coeffs.kernel().get(), tf.constant(new long[] {-1, 1, n, 1}));
      y = tf.reduceSum(tf.math.mul(split, alpha), tf.constant(2));
    }
    return tf.reshape(y, tf.constant(new long[] {-1, ho, wo, cout}));
  }

  /** The batch folded into channels: one convolution with groups = B·g. */
  private <T extends TFloating> Operand<T> groupedBatch(Ops tf, Operand<T> x, Operand<T> wb) {
    long[] kd = geometry.kernelDims();
    long cout = geometry.out();
    Operand<T> xp = geometry.padForWindows(tf, x);
    Operand<T> folded =
        tf.reshape(
            tf.linalg.transpose(xp, tf.constant(new int[] {1, 2, 0, 3})),
            tf.constant(new long[] {1, xp.shape().get(1), xp.shape().get(2), -1}));
    Operand<T> filt = tf.linalg.transpose(wb, tf.constant(new int[] {1, 2, 3, 0, 4}));
    List<Long> strides = List.of(1L, (long) geometry.stride(), (long) geometry.stride(), 1L);
    Operand<T> y;
    if (geometry.depthwise()) {
      y =
          tf.nn.depthwiseConv2dNative(
              folded,
              tf.reshape(filt, tf.constant(new long[] {kd[0], kd[1], -1, 1})),
              strides,
              "VALID");
    } else {
      y =
          tf.nn.conv2d(
              folded,
              tf.reshape(filt, tf.constant(new long[] {kd[0], kd[1], kd[2], -1})),
              strides,
              "VALID");
    }
    long ho = y.shape().get(1);
    long wo = y.shape().get(2);
    Operand<T> unfolded = tf.reshape(y, tf.constant(new long[] {ho, wo, -1, cout}));
    return tf.linalg.transpose(unfolded, tf.constant(new int[] {2, 0, 1, 3}));
  }

  /** Σ_k α_k·conv(x, W_k) without per-sample kernels. */
  private <T extends TFloating> Operand<T> mixture(
      Ops tf, Operand<T> x, Operand<T> w, KernelCoefficients<T> coeffs) {
    Checks.check(
        coeffs.spatial().isEmpty(),
        name + " strategy",
        "MIXTURE",
        "cannot apply a per-sample spatial attention; use PER_SAMPLE or GROUPED_BATCH");
    long[] kd = geometry.kernelDims();
    long cout = geometry.out();
    int n = kernels;
    if (coeffs.kernel().isEmpty()) {
      return Conv2d.convolve(tf, x, tf.reshape(w, tf.constant(kd)), geometry);
    }
    Operand<T> alpha = coeffs.kernel().get();
    if (geometry.groups() == 1) {
      Operand<T> all =
          tf.reshape(
              tf.linalg.transpose(w, tf.constant(new int[] {1, 2, 3, 0, 4})),
              tf.constant(new long[] {kd[0], kd[1], kd[2], n * cout}));
      Operand<T> y = Conv2d.convolve(tf, x, all, geometry.withGroups(1));
      Operand<T> split =
          tf.reshape(y, tf.constant(new long[] {-1, y.shape().get(1), y.shape().get(2), n, cout}));
      return tf.reduceSum(
          tf.math.mul(split, tf.reshape(alpha, tf.constant(new long[] {-1, 1, 1, n, 1}))),
          tf.constant(3));
    }
    List<Operand<T>> terms = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Operand<T> wk = tf.reshape(tf.stridedSlice(w, Indices.slice(k, k + 1)), tf.constant(kd));
      Operand<T> ak =
          tf.reshape(
              tf.stridedSlice(alpha, Indices.all(), Indices.slice(k, k + 1)),
              tf.constant(new long[] {-1, 1, 1, 1}));
      terms.add(tf.math.mul(Conv2d.convolve(tf, x, wk, geometry), ak));
    }
    return FanIn.addN(tf, terms);
  }
}
