package kr.core.kr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.core.dynamic.KernelCoefficients;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The kernel representation layer of the paper (§3.2, Fig. 2) for one parameterised unit, which may
 * hold several dynamic layers (a ViT residual block's two linears share one unit):
 *
 * <ul>
 *   <li>RF: h̃ = ReLU(F(cat[d_i, GAP(X)])), F one linear to max((dim d_i + C)/r, minHidden);
 *   <li>KG: α = S(h̃): one linear head per attention of every slot (kernel attention softmax over
 *       n, or sigmoid when n = 1; channel/filter/spatial attentions sigmoid in {@link
 *       AttentionMode#OMNI}), logits divided by the context's temperature;
 *   <li>KRG: α̃ = Linear(α), d̃ = BN(K(cat[h̃, α̃])) of width {@code step}, d_{i+1} = cat[d_i, d̃].
 * </ul>
 *
 * <p>With {@link KrConfig.Variant#DYNAMIC_ONLY} the unit sees GAP(X) alone and returns d unchanged:
 * the Table 6 "dynamic kernels without KR" ablation, built from the same code.
 */
public final class KrUnit {
  private final String name;
  private final KrConfig config;
  private final List<KernelSlot> slots;
  private final int step;

  /**
   * @param step growth of d (ignored by the dynamic-only variant)
   */
  public KrUnit(String name, KrConfig config, List<KernelSlot> slots, int step) {
    this.name = Checks.notNull("name", name);
    this.config = Checks.notNull("config", config);
    Checks.check(config.enabled(), "config", config.label(), "must enable dynamic kernels");
    this.slots = List.copyOf(Checks.notNull("slots", slots));
    Checks.check(!this.slots.isEmpty(), "slots", this.slots, "must not be empty");
    this.step = Checks.positive("step", step);
  }

  /** The coefficients for each slot, in order, and the next representation. */
  public record Output<T extends TFloating>(
      List<KernelCoefficients<T>> coefficients, KernelRepresentation<T> next) {

    public KernelCoefficients<T> get(int slot) {
      return coefficients.get(slot);
    }
  }

  public String name() {
    return name;
  }

  public int step() {
    return config.usesRepresentation() ? step : 0;
  }

  /**
   * Builds RF, KG and KRG.
   *
   * @param pooled GAP(X) of the unit's input, [B, C]
   * @param d the incoming representation (required for KR, ignored by the dynamic-only variant)
   */
  public <T extends TFloating> Output<T> apply(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d) {
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.tf();
    long[] pd = BuildContext.staticDims(pooled, name + " pooled input");
    Checks.check(pd.length == 2, name + " pooled input", pooled.shape(), "must be [B, C]");
    boolean kr = config.usesRepresentation();
    Checks.check(
        !kr || d.isPresent(), name + " kernel representation", d, "is required by a KR unit");
    // Ops are built in the scope of the part they belong to (rf, krg_alpha, krg_out), which is how
    // kr profile tells RF, KG and KRG apart.
    Operand<T> fused =
        kr ? c.child("rf").tf().concat(List.of(d.value(), pooled), tf.constant(1)) : pooled;
    long fusedDim = fused.shape().get(1);
    int hidden = (int) Math.max(fusedDim / config.reduction(), config.minHidden());
    Operand<T> h = Activation.RELU.apply(c, fusion(hidden).apply(c, fused));

    Operand<T> temperature = c.temperature();
    List<KernelCoefficients<T>> coeffs = new ArrayList<>(slots.size());
    List<Operand<T>> alphas = new ArrayList<>();
    for (KernelSlot slot : slots) {
      KernelCoefficients<T> a = generate(c.child(slot.name()), h, slot, temperature);
      coeffs.add(a);
      a.kernel().ifPresent(alphas::add);
      a.inChannel().ifPresent(alphas::add);
      a.outChannel().ifPresent(alphas::add);
      a.spatial().ifPresent(alphas::add);
    }
    if (!kr) {
      return new Output<>(coeffs, d);
    }
    Operand<T> alpha =
        alphas.size() == 1
            ? alphas.get(0)
            : c.child("krg_alpha").tf().concat(alphas, tf.constant(1));
    Operand<T> alphaEmbed =
        new Linear("krg_alpha", config.alphaEmbed())
            .withKernelInit(Init.heNormal(Init.Fan.IN))
            .apply(c, alpha);
    Ops krg = c.child("krg_out").tf();
    Operand<T> dNew =
        new Linear("krg_out", step)
            .withKernelInit(Init.heNormal(Init.Fan.IN))
            .apply(c, krg.concat(List.of(h, alphaEmbed), tf.constant(1)));
    if (config.krBatchNorm()) {
      dNew = new BatchNorm("krg_bn").apply(c, dNew);
    }
    return new Output<>(
        coeffs, KernelRepresentation.of(krg.concat(List.of(d.value(), dNew), tf.constant(1))));
  }

  private Linear fusion(int hidden) {
    return new Linear(config.usesRepresentation() ? "rf" : "gap_fc", hidden)
        .withKernelInit(Init.heNormal(Init.Fan.IN));
  }

  private <T extends TFloating> KernelCoefficients<T> generate(
      BuildContext<T> c, Operand<T> h, KernelSlot slot, Operand<T> temperature) {
    Ops tf = c.tf();
    int n = config.multiplier();
    boolean omni = config.attention() == AttentionMode.OMNI;
    Optional<Operand<T>> kernel = Optional.empty();
    if (n > 1 || !omni) {
      Operand<T> logits = tf.math.div(head("kernel", n).apply(c, h), temperature);
      kernel = Optional.of(n > 1 ? tf.nn.softmax(logits) : tf.math.sigmoid(logits));
    }
    if (!omni) {
      return new KernelCoefficients<>(kernel, Optional.empty(), Optional.empty(), Optional.empty());
    }
    Optional<Operand<T>> in = Optional.of(sigmoid(c, h, "channel", slot.in(), temperature));
    Optional<Operand<T>> out =
        slot.depthwise()
            ? Optional.empty()
            : Optional.of(sigmoid(c, h, "filter", slot.out(), temperature));
    Optional<Operand<T>> spatial =
        slot.kernelArea() == 1
            ? Optional.empty()
            : Optional.of(sigmoid(c, h, "spatial", slot.kernelArea(), temperature));
    return new KernelCoefficients<>(kernel, in, out, spatial);
  }

  private static <T extends TFloating> Operand<T> sigmoid(
      BuildContext<T> c, Operand<T> h, String head, int width, Operand<T> temperature) {
    return c.tf().math.sigmoid(c.tf().math.div(head(head, width).apply(c, h), temperature));
  }

  private static Linear head(String name, int width) {
    return new Linear(name, width).withKernelInit(Init.heNormal(Init.Fan.OUT));
  }
}
