package kr.backbones.api;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KernelSlot;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The token-wise linears of one residual block, built by a {@link DynamicKernelMethod} that may
 * share state across them (KR's unit predicts the coefficients of both from the block input).
 * Obtained from {@link DynamicKernelMethod#linears}; valid for that block only.
 */
public interface LinearScope<T extends TFloating> {

  /**
   * Applies linear number {@code slot} of the block's {@link LinearSpec} to tokens [B, N, C_in];
   * parameters go under the scope's context as {@code name/kernel} and {@code name/bias} for a
   * static linear.
   */
  Operand<T> apply(int slot, Operand<T> x);

  /** d after this block (unchanged unless the method threads a kernel representation). */
  KernelRepresentation<T> next();

  /** Static linears ({@link Linear} with {@code spec}'s kernel initializer), d unchanged. */
  static <T extends TFloating> LinearScope<T> fixed(
      BuildContext<T> ctx, LinearSpec spec, KernelRepresentation<T> d) {
    Checks.notNull("ctx", ctx);
    Checks.notNull("spec", spec);
    Checks.notNull("d", d);
    return new LinearScope<>() {
      @Override
      public Operand<T> apply(int slot, Operand<T> x) {
        return staticLinear(ctx, spec.slots().get(slot), spec.kernelInit(), x);
      }

      @Override
      public KernelRepresentation<T> next() {
        return d;
      }
    };
  }

  /** The static linear of {@code slot} on x, after checking x's width against the slot's. */
  static <T extends TFloating> Operand<T> staticLinear(
      BuildContext<T> ctx, KernelSlot slot, Init kernelInit, Operand<T> x) {
    checkWidth(slot, x);
    return new Linear(slot.name(), slot.out()).withKernelInit(kernelInit).apply(ctx, x);
  }

  /** Checks that x's last dimension is the slot's input width. */
  static void checkWidth(KernelSlot slot, Operand<?> x) {
    long in = x.shape().get(x.shape().numDimensions() - 1);
    Checks.check(in == slot.in(), slot.name() + " input width", in, "must equal " + slot.in());
  }
}
