package kr.backbones.methods;

import java.util.Optional;
import java.util.Set;
import kr.backbones.api.ConvRole;
import kr.backbones.api.KernelSite;
import kr.backbones.api.LinearRole;
import kr.backbones.api.LinearScope;
import kr.backbones.api.LinearSpec;
import kr.core.dynamic.DynamicConv2d;
import kr.core.dynamic.DynamicLinear;
import kr.core.dynamic.KernelCoefficients;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KernelSlot;
import kr.core.layers.BatchNorm;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Linear;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * ODConv (Li, Zhou, Yao, "Omni-Dimensional Dynamic Convolution", ICLR 2022; {@code
 * OSVAI/ODConv:modules/odconv.py}), 1× (n = 1) and 4× (n = 4).
 *
 * <ul>
 *   <li>Attention trunk: GAP(x) → 1×1 FC C_in → A (no bias), A = max(int(C_in/16), 16) → BN → ReLU.
 *   <li>Four heads, each an FC with bias, logits divided by T = {@link BuildContext#temperature()}:
 *       channel α_c (C_in, sigmoid), filter α_f (C_out, sigmoid; skipped for depthwise), spatial
 *       α_s (k², sigmoid; skipped for k = 1), kernel α_w (n, softmax; skipped for n = 1).
 *   <li>W_b = Σ_i α_w,i (α_s ⊙ α_c ⊙ α_f ⊙ W_i): a {@link DynamicConv2d} with n kernels, each He
 *       normal fan-out on its own; channel attention scales the input, filter attention the output
 *       (equivalent to scaling W, as the reference notes).
 *   <li>Init: attention FCs He normal fan-out, biases 0; BN γ = 1, β = 0.
 *   <li>Placement: every convolution inside the blocks (ResNet BasicBlock/Bottleneck; all three of
 *       each MobileNetV2 inverted residual, t = 1 included) and the MobileNetV2 final 1×1; stem,
 *       ResNet downsample shortcut and classifier static (recounts R18 11.94M / 44.90M, MBv2 ×1.0
 *       4.94M / 11.51M). On ViT (Table 1's baseline) the MLP linears fc1/fc2 become 1×1 ODConv on
 *       tokens ({@link #linear}; the reading is argued in {@code kr.backbones.vit.Vit}); the other
 *       reading, all four linears (qkv and proj too), is {@code odconv1x-all} / {@code
 *       odconv4x-all} ({@link #allLinears}), the same as 1×/4× on convolutions.
 * </ul>
 *
 * <p>FLOPs (the empirical fit, reproducing the ten ODConv README MAdds cells within 0.7%; no exact
 * formula is known): per layer the convolution's MACs + (2n+1)·|W| for n > 1 or 2·|W| for n = 1
 * (recorded as n·|W| {@code kernel-aggregation} by {@link DynamicConv2d} plus the rest as {@code
 * attention-scaling}) + ATT (the trunk and head FCs) + H·W·C_in ({@code gap}).
 */
public final class OdConv extends LayerwiseMethod {
  public static final String NAME_1X = "odconv1x";
  public static final String NAME_4X = "odconv4x";

  /** Suffix of the reading with every token linear dynamic ({@code odconv4x-all}). */
  public static final String ALL_SUFFIX = "-all";

  public static final String NAME_1X_ALL = NAME_1X + ALL_SUFFIX;
  public static final String NAME_4X_ALL = NAME_4X + ALL_SUFFIX;
  public static final double REDUCTION = 1.0 / 16;
  public static final int MIN_HIDDEN = 16;

  private final int kernels;
  private final boolean allLinears;

  private OdConv(int kernels, boolean allLinears) {
    super(ConvRole.STEM, ConvRole.SHORTCUT);
    this.kernels = Checks.positive("kernels", kernels);
    this.allLinears = allLinears;
  }

  /** ODConv with n kernels per layer; on ViT/PoolFormer only the MLP linears are dynamic. */
  public static OdConv of(int kernels) {
    return new OdConv(kernels, false);
  }

  /**
   * ODConv with n kernels per layer and every token linear dynamic: ViT's qkv and proj as well as
   * fc1 and fc2 (the other reading of Table 1's baseline); convolutions as {@link #of}.
   */
  public static OdConv allLinears(int kernels) {
    return new OdConv(kernels, true);
  }

  @Override
  public String name() {
    return "odconv" + kernels + "x" + (allLinears ? ALL_SUFFIX : "");
  }

  /** Whether the attention linears (qkv, proj) are dynamic too. */
  public boolean allLinears() {
    return allLinears;
  }

  @Override
  public Set<KernelSite> sites() {
    return Set.of(KernelSite.BLOCK_CONVOLUTIONS, KernelSite.TOKEN_LINEARS);
  }

  /** DyConv's schedule: 30 → 1 over the first 10 epochs. */
  @Override
  public TemperatureSchedule temperatureSchedule() {
    return TemperatureSchedule.dyconv();
  }

  @Override
  public String description() {
    return "ODConv (ICLR 2022), "
        + kernels
        + " kernel(s), block convs + MBv2 final 1x1; on ViT "
        + (allLinears ? "qkv, proj, fc1 and fc2" : "fc1 and fc2")
        + " as 1x1 ODConv";
  }

  public int kernels() {
    return kernels;
  }

  /** Width A of the attention trunk for C_in input channels. */
  public static int hidden(int in) {
    return Math.max((int) (in * REDUCTION), MIN_HIDDEN);
  }

  /**
   * One ODConv layer: parameters {@code name/attention/{fc,bn,channel,filter,spatial,kernel}} and
   * {@code name/conv/kernels}.
   */
  @Override
  public <T extends TFloating> Operand<T> layer(
      BuildContext<T> ctx, String name, ConvGeometry g, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    BuildContext<T> a = c.child("attention");
    Operand<T> pooled = MethodOps.countedGap(a, x);
    KernelCoefficients<T> coeffs = attention(a, pooled, g.in(), g.out(), g.kernel(), g.depthwise());
    Operand<T> y = new DynamicConv2d("conv", g, kernels).apply(c, x, coeffs);
    c.countMacs("attention-scaling", (kernels == 1 ? 1 : kernels + 1) * g.kernelSize());
    return y;
  }

  /**
   * ODConv's attention (trunk and heads) from a pooled input [B, C_in], built under {@code a}
   * (parameters {@code fc, bn, channel, filter, spatial, kernel}; the FCs' MACs are recorded by
   * {@link Linear}): channel (C_in), filter (C_out, unless depthwise), spatial (k², unless k = 1)
   * and kernel (n, unless n = 1) coefficients. Shared by {@link #layer} (convolutions) and {@link
   * #linear} (1×1 on tokens).
   */
  public <T extends TFloating> KernelCoefficients<T> attention(
      BuildContext<T> a, Operand<T> pooled, int in, int out, int kernelSize, boolean depthwise) {
    Init he = Init.heNormal(Init.Fan.OUT);
    Operand<T> h = new Linear("fc", hidden(in)).withoutBias().withKernelInit(he).apply(a, pooled);
    h = a.tf().nn.relu(new BatchNorm("bn").apply(a, h));
    Operand<T> channel =
        MethodOps.sigmoidT(a, new Linear("channel", in).withKernelInit(he).apply(a, h));
    Optional<Operand<T>> filter =
        depthwise
            ? Optional.empty()
            : Optional.of(
                MethodOps.sigmoidT(a, new Linear("filter", out).withKernelInit(he).apply(a, h)));
    int area = kernelSize * kernelSize;
    Optional<Operand<T>> spatial =
        kernelSize == 1
            ? Optional.empty()
            : Optional.of(
                MethodOps.sigmoidT(a, new Linear("spatial", area).withKernelInit(he).apply(a, h)));
    Optional<Operand<T>> kernel =
        kernels == 1
            ? Optional.empty()
            : Optional.of(
                MethodOps.softmaxT(
                    a, new Linear("kernel", kernels).withKernelInit(he).apply(a, h)));
    return new KernelCoefficients<>(kernel, Optional.of(channel), filter, spatial);
  }

  /**
   * The MLP linears (fc1, fc2) of ViT/PoolFormer blocks as 1×1 ODConv on tokens ({@link #linear},
   * each from its own input); the attention linears (qkv, proj) stay static, or are 1×1 ODConv too
   * with {@link #allLinears}. d is unchanged.
   */
  @Override
  public <T extends TFloating> LinearScope<T> linears(
      BuildContext<T> ctx, LinearSpec spec, Operand<T> normed, KernelRepresentation<T> d) {
    if (spec.role() != LinearRole.MLP && !allLinears) {
      return LinearScope.fixed(ctx, spec, d);
    }
    return new LinearScope<>() {
      @Override
      public Operand<T> apply(int slot, Operand<T> x) {
        KernelSlot s = spec.slots().get(slot);
        LinearScope.checkWidth(s, x);
        return linear(ctx, s.name(), s.out(), spec.kernelInit(), x);
      }

      @Override
      public KernelRepresentation<T> next() {
        return d;
      }
    };
  }

  /**
   * A linear on tokens [B, N, C_in] as a 1×1 ODConv (the paper's ViT reproduction, "replacing the
   * linear layers to 1×1 dynamic ODConv"): the attention sees the mean over all N tokens (N·C_in
   * additions recorded as {@code gap}); channel and filter attentions, kernel attention for n &gt;
   * 1, no spatial one (k = 1). Parameters {@code name/attention/{fc,bn,channel,filter, kernel}} and
   * {@code name/{kernels,bias}} (n kernels [n, C_in, C_out], each drawn by {@code kernelInit}; the
   * bias stays static, as the linear's). MACs follow the same convention as {@link #layer}: N·|W| +
   * n·|W| ({@code kernel-aggregation}, by {@link DynamicLinear}) + (n + 1)·|W| for n &gt; 1 or |W|
   * for n = 1 ({@code attention-scaling}) + ATT + GAP.
   */
  public <T extends TFloating> Operand<T> linear(
      BuildContext<T> ctx, String name, int out, Init kernelInit, Operand<T> tokens) {
    long[] dims = BuildContext.staticDims(tokens, name + " input");
    Checks.check(dims.length == 3, name + " input", tokens.shape(), "must be tokens [B, N, C]");
    int in = (int) dims[2];
    BuildContext<T> c = ctx.child(name);
    BuildContext<T> a = c.child("attention");
    a.countMacs("gap", dims[1] * dims[2]);
    Operand<T> pooled = Pooling.globalAverage(a, tokens);
    KernelCoefficients<T> coeffs = attention(a, pooled, in, out, 1, false);
    Operand<T> y =
        new DynamicLinear(name, out, kernels).withKernelInit(kernelInit).apply(ctx, tokens, coeffs);
    c.countMacs("attention-scaling", (kernels == 1 ? 1L : kernels + 1L) * in * out);
    return y;
  }
}
