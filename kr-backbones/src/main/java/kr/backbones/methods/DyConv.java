package kr.backbones.methods;

import kr.backbones.api.ConvRole;
import kr.core.dynamic.DynamicConv2d;
import kr.core.dynamic.KernelCoefficients;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.TemperatureSchedule;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Dynamic Convolution (Chen et al., "Dynamic Convolution: Attention over Convolution Kernels", CVPR
 * 2020), K = 4 kernels; the layout of the version in the ODConv tables.
 *
 * <ul>
 *   <li>Attention per layer on the layer's own input: π = softmax(FC₂(ReLU(FC₁(GAP x))) / T), FC₁
 *       C_in → C_in/4 without bias, FC₂ → 4 with bias (unofficial code {@code
 *       kaijieshi7/Dynamic-convolution-Pytorch}); T = {@link BuildContext#temperature()} (the
 *       trainer drives 30 → 1 over the first 10 epochs, as the paper and ODConv). No BN in the
 *       attention (R50 then recounts to 100.87M; with a BN 100.88M — the recount leaves it
 *       ambiguous). Hidden width = max(1, C_in/4) (the paper's and recount's C/4; the unofficial
 *       code's +1 is not used).
 *   <li>W = Σ π_k W_k: a {@link DynamicConv2d} with 4 kernels, each He normal fan-out (the
 *       unofficial code uses Kaiming-uniform per kernel; the conv has no bias since BN follows).
 *   <li>Placement: every block convolution, the ResNet downsample shortcut 1×1 and the MobileNetV2
 *       final 1×1 (recounts R18 45.47M, R50 100.87M, MBv2 ×1.0 12.40M); stem and classifier static.
 * </ul>
 *
 * <p>FLOPs (fitted: 4·P + ATT + GAP): per layer the convolution's MACs + 4·|W| (aggregation,
 * recorded by {@link DynamicConv2d}) + C_in·C_in/4 + C_in/4·4 (attention linears) + H·W·C_in (GAP
 * of the input, kind {@code gap}).
 */
public final class DyConv extends LayerwiseMethod {
  public static final String NAME = "dyconv";
  public static final int KERNELS = 4;
  public static final int REDUCTION = 4;

  private final int kernels;

  public DyConv() {
    this(KERNELS);
  }

  public DyConv(int kernels) {
    super(ConvRole.STEM);
    this.kernels = Checks.positive("kernels", kernels);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** DyConv's schedule: 30 → 1 over the first 10 epochs. */
  @Override
  public TemperatureSchedule temperatureSchedule() {
    return TemperatureSchedule.dyconv();
  }

  @Override
  public String description() {
    return "DyConv (CVPR 2020), " + kernels + " kernels, every conv but the stem";
  }

  /** Hidden width of the attention for C_in input channels. */
  public static int hidden(int in) {
    return Math.max(1, in / REDUCTION);
  }

  /** One DyConv layer: parameters {@code name/attention/fc1|fc2}, {@code name/conv/kernels}. */
  @Override
  public <T extends TFloating> Operand<T> layer(
      BuildContext<T> ctx, String name, ConvGeometry geometry, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    BuildContext<T> a = c.child("attention");
    Operand<T> pooled = MethodOps.countedGap(a, x);
    Operand<T> h =
        a.tf().nn.relu(new Linear("fc1", hidden(geometry.in())).withoutBias().apply(a, pooled));
    Operand<T> pi = MethodOps.softmaxT(a, new Linear("fc2", kernels).apply(a, h));
    return new DynamicConv2d("conv", geometry, kernels).apply(c, x, KernelCoefficients.mixing(pi));
  }
}
