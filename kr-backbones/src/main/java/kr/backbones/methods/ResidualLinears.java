package kr.backbones.methods;

import kr.backbones.api.LinearScope;
import kr.backbones.api.LinearSpec;
import kr.core.dynamic.DynamicLinear;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KernelSlot;
import kr.core.kr.KrConfig;
import kr.core.kr.KrUnit;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * KR's token-wise linears of one residual block as one KR unit (paper §4.1: "for ViTs, we consider
 * each residual block as one parameterized unit"): {@link DynamicLinear}s whose coefficients all
 * come from a single {@link KrUnit} (parameters {@code kr/...}) that sees GAP of the block's
 * normalised input and grows d once, by {@code step}.
 *
 * <p>Consequence worth knowing: in an attention block the coefficients of {@code proj} are
 * predicted from the block input together with those of {@code qkv} (the unit runs before the
 * block), not from the attention output that {@code proj} actually multiplies; likewise {@code
 * fc2}'s from the MLP input, not from the hidden activations. This is the reading that gives one
 * unit (and one +32 step of d) per residual block.
 *
 * <p>{@link KrMethod}'s {@link KrMethod#linears} for the ViT attention/MLP blocks and the
 * PoolFormer MLP blocks.
 */
final class ResidualLinears {
  private final KrConfig kr;
  private final int step;

  /**
   * @param kr KR or dynamic-only (enabled)
   * @param step growth of d per unit
   */
  ResidualLinears(KrConfig kr, int step) {
    this.kr = Checks.notNull("kr", kr);
    Checks.check(kr.enabled(), "kr", kr.label(), "must be enabled");
    this.step = Checks.positive("step", step);
  }

  /**
   * Builds the unit under {@code ctx}/kr for the block whose normalised input is {@code normed}
   * ([B, N, C]); the linears are then applied with {@link LinearScope#apply}.
   */
  <T extends TFloating> LinearScope<T> bind(
      BuildContext<T> ctx, LinearSpec spec, Operand<T> normed, KernelRepresentation<T> d) {
    Checks.notNull("spec", spec);
    Operand<T> pooled = Pooling.globalAverage(ctx.child("kr"), normed);
    KrUnit.Output<T> unit = new KrUnit("kr", kr, spec.slots(), step).apply(ctx, pooled, d);
    return new LinearScope<>() {
      @Override
      public Operand<T> apply(int slot, Operand<T> x) {
        KernelSlot s = spec.slots().get(slot);
        LinearScope.checkWidth(s, x);
        return new DynamicLinear(s.name(), s.out(), kr.multiplier())
            .withKernelInit(spec.kernelInit())
            .apply(ctx, x, unit.get(slot));
      }

      @Override
      public KernelRepresentation<T> next() {
        return unit.next();
      }
    };
  }
}
