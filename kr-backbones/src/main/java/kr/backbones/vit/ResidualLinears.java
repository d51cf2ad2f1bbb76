package kr.backbones.vit;

import java.util.List;
import java.util.Optional;
import kr.core.dynamic.DynamicLinear;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KernelSlot;
import kr.core.kr.KrConfig;
import kr.core.kr.KrUnit;
import kr.core.layers.Linear;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The linears of one residual block as one KR unit (paper §4.1: "for ViTs, we consider each
 * residual block as one parameterized unit"): static {@link Linear}s when KR is off; otherwise
 * {@link DynamicLinear}s whose coefficients all come from a single {@link KrUnit} that sees GAP of
 * the block's normalised input and grows d once, by {@code step}.
 *
 * <p>Consequence worth knowing: in an attention block the coefficients of {@code proj} are
 * predicted from the block input together with those of {@code qkv} (the unit runs before the
 * block), not from the attention output that {@code proj} actually multiplies; likewise {@code
 * fc2}'s from the MLP input, not from the hidden activations. This is the reading that gives one
 * unit (and one +32 step of d) per residual block.
 *
 * <p>Shared by the ViT attention/MLP blocks and the PoolFormer MLP blocks.
 */
public final class ResidualLinears {
  private final KrConfig kr;
  private final int step;
  private final Init kernelInit;

  /**
   * @param kr static, KR or dynamic-only
   * @param step growth of d per unit (ignored unless KR)
   * @param kernelInit initializer of every kernel (static, or each of the n dynamic kernels)
   */
  public ResidualLinears(KrConfig kr, int step, Init kernelInit) {
    this.kr = Checks.notNull("kr", kr);
    this.step = Checks.positive("step", step);
    this.kernelInit = Checks.notNull("kernelInit", kernelInit);
  }

  /**
   * Builds the unit (when KR is enabled) under {@code ctx}/kr for the block whose normalised input
   * is {@code normed} ([B, N, C]); the linears are then applied with {@link Bound#apply}.
   *
   * @param slots the block's linears in order, e.g. qkv (C → 3C) and proj (C → C)
   */
  public <T extends TFloating> Bound<T> bind(BuildContext<T> ctx, Operand<T> normed,
      KernelRepresentation<T> d, List<KernelSlot> slots) {
    Checks.notNull("slots", slots);
    if (!kr.enabled()) {
      return new Bound<>(ctx, List.copyOf(slots), Optional.empty(), d);
    }
    Operand<T> pooled = Pooling.globalAverage(ctx, normed);
    KrUnit.Output<T> out = new KrUnit("kr", kr, slots, step).apply(ctx, pooled, d);
    return new Bound<>(ctx, List.copyOf(slots), Optional.of(out), out.next());
  }

  /** A block's linears with their coefficients generated. */
  public final class Bound<T extends TFloating> {
    private final BuildContext<T> ctx;
    private final List<KernelSlot> slots;
    private final Optional<KrUnit.Output<T>> unit;
    private final KernelRepresentation<T> next;

    private Bound(BuildContext<T> ctx, List<KernelSlot> slots, Optional<KrUnit.Output<T>> unit,
        KernelRepresentation<T> next) {
      this.ctx = ctx;
      this.slots = slots;
      this.unit = unit;
      this.next = next;
    }

    /** Applies linear number {@code slot} (named and sized by its {@link KernelSlot}) to x. */
    public Operand<T> apply(int slot, Operand<T> x) {
      KernelSlot s = slots.get(slot);
      long in = x.shape().get(x.shape().numDimensions() - 1);
      Checks.check(in == s.in(), s.name() + " input width", in, "must equal " + s.in());
      if (unit.isEmpty()) {
        return new Linear(s.name(), s.out()).withKernelInit(kernelInit).apply(ctx, x);
      }
      return new DynamicLinear(s.name(), s.out(), kr.multiplier()).withKernelInit(kernelInit)
          .apply(ctx, x, unit.get().get(slot));
    }

    /** d after this block (unchanged unless KR). */
    public KernelRepresentation<T> next() {
      return next;
    }
  }
}
