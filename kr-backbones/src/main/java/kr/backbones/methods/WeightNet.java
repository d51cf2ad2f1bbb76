package kr.backbones.methods;

import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.core.dynamic.PerSampleConv;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * WeightNet (Ma et al., "WeightNet: Revisiting the Design Space of Weight Networks", ECCV 2020;
 * {@code megvii-model/WeightNet:weightnet.py}), M = G = 2 (the "1×" setting: no extra kernels).
 *
 * <ul>
 *   <li>Per block: x_r = reduce(GAP(x_block)), one FC C_block → max(16, C_block/16) with bias and
 *       no activation, shared by the block's convolutions (parameters {@code
 *       <block>/weightnet_reduce}).
 *   <li>Per convolution: s = sigmoid(fc1(x_r)), fc1 → M·C_out with bias (no temperature); fc2 is a
 *       grouped 1×1 conv M·C_out → C_out·C_in·k² with G·C_out groups and no bias, so group γ = G·o
 *       + h (output filter o, part h) reads the M/G inputs s[γ·M/G ..] and writes the h-th of G
 *       equal chunks of filter o in (c, i, j) order: W_b[o, chunk h] = Σ_m s[γ·M/G + m]·w2[γ, m,
 *       ·]. fc2 holds (M/G)·|W| = |W| weights, parameter {@code name/fc2} [G·C_out, M/G,
 *       C_in·k²/G]. Requires C_in·k² divisible by G.
 *   <li>Depthwise variant: fc1 → (M/G)·C, fc2 with C groups → C·k² ({@code name/fc2} [C, M/G, k²]).
 *   <li>The generated kernel runs per sample ({@link PerSampleConv}).
 *   <li>Placement: every convolution inside the blocks (ResNet version of the ODConv tables,
 *       inferred from its FLOPs; MobileNetV2 inverted residuals work too, with the depthwise
 *       variant); stem, shortcut, final 1×1 and classifier static.
 *   <li>Init (a choice; the repo's N(0, 1/fan) scheme is ambiguous for grouped convs): fc1 and
 *       reduce PyTorch default, biases 0; w2 ~ N(0, 2·√(2/(k²·C_out/groups))), so that with s ≈ 1/2
 *       at start the generated kernel has He fan-out variance.
 * </ul>
 *
 * <p>FLOPs (fitted: P + fc1 + reduce + GAP): per convolution its MACs + (M/G)·|W| ({@code
 * kernel-generation}, the fc2 product) + fc1; per block the reduce FC and H·W·C_block ({@code
 * gap}).
 */
public final class WeightNet implements DynamicKernelMethod {
  public static final String NAME = "weightnet";
  public static final int M = 2;
  public static final int G = 2;
  public static final int MIN_REDUCED = 16;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "WeightNet (ECCV 2020), M = G = 2, every block conv";
  }

  /** Width of the shared reduce FC for a block input of C channels. */
  public static int reduced(int channels) {
    return Math.max(MIN_REDUCED, channels / 16);
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(
      BuildContext<T> ctx, BlockSpec spec, Operand<T> blockInput) {
    Operand<T> pooled = MethodOps.countedGap(ctx, blockInput);
    Operand<T> xr =
        new Linear("weightnet_reduce", reduced((int) blockInput.shape().get(3))).apply(ctx, pooled);
    return (c, name, g, s, role) ->
        role == ConvRole.SHORTCUT || role == ConvRole.STEM
            ? DynamicKernelMethod.staticConv(c, name, g, s)
            : s.withX(layer(c, name, g, s.x(), xr));
  }

  /**
   * One WeightNet convolution of x [B, H, W, C_in] with kernels generated from the block's reduced
   * vector xr [B, r]: parameters {@code name/fc1/kernel|bias} and {@code name/fc2}.
   */
  public <T extends TFloating> Operand<T> layer(
      BuildContext<T> ctx, String name, ConvGeometry g, Operand<T> x, Operand<T> xr) {
    Checks.check(
        g.groups() == 1 || g.depthwise(),
        name + " groups",
        g.groups(),
        "must be 1 or depthwise for WeightNet");
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.tf();
    long[] dims = BuildContext.staticDims(x, name + " input");
    int k = g.kernel();
    long area = (long) k * k;
    int perGroup = M / G;
    long groups;
    long chunk;
    if (g.depthwise()) {
      groups = g.out();
      chunk = area;
    } else {
      Checks.check(
          g.in() * area % G == 0,
          name + " C_in·k²",
          g.in() * area,
          "must be divisible by G = " + G);
      groups = (long) G * g.out();
      chunk = g.in() * area / G;
    }
    Operand<T> s = tf.math.sigmoid(new Linear("fc1", (int) (groups * perGroup)).apply(c, xr));
    double std = 2 * Math.sqrt(2.0 / (area * g.out() / g.groups()));
    Operand<T> w2 =
        c.param(
            "fc2",
            ParamSpec.trainable(
                new long[] {groups, perGroup, chunk}, perGroup, chunk, Init.normal(std)));
    // kernel[b, γ, e] = Σ_m s[b, γ·M/G + m] · w2[γ, m, e]
    Operand<T> gen =
        tf.reduceSum(
            tf.math.mul(
                tf.reshape(s, tf.constant(new long[] {-1, groups, perGroup, 1})),
                tf.expandDims(w2, tf.constant(0))),
            tf.constant(2));
    Operand<T> kernels;
    if (g.depthwise()) {
      // [B, C, k, k] → [B, k, k, 1, C]
      kernels =
          tf.reshape(
              tf.linalg.transpose(
                  tf.reshape(gen, tf.constant(new long[] {-1, g.out(), k, k})),
                  tf.constant(new int[] {0, 2, 3, 1})),
              tf.constant(new long[] {-1, k, k, 1, g.out()}));
    } else {
      // [B, C_out, C_in, k, k] (PyTorch order) → [B, k, k, C_in, C_out]
      kernels =
          tf.linalg.transpose(
              tf.reshape(gen, tf.constant(new long[] {-1, g.out(), g.in(), k, k})),
              tf.constant(new int[] {0, 3, 4, 2, 1}));
    }
    Operand<T> y = PerSampleConv.apply(tf, x, kernels, g);
    c.countMacs("conv", g.macs(dims[1], dims[2]));
    c.countMacs("kernel-generation", perGroup * g.kernelSize());
    return y;
  }
}
