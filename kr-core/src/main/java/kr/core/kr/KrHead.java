package kr.core.kr;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.layers.Dropout;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.family.TFloating;

/**
 * The classifier: logits = Linear(cat[pooled features, d]) when d is present (paper §3.3),
 * Linear(pooled) otherwise; optional dropout before it. With {@link HeadInput#NONE} it reads the
 * pooled features only, whatever d is; with {@link HeadInput#FULL} or {@link HeadInput#D0} it reads
 * the d it is given (for {@code D0}, the method hands it d_0, which static and dynamic-only
 * networks carry unchanged to the head).
 *
 * <p>With {@code NONE} in KR, the last unit's generated d̃ feeds nothing; it is added to the logits
 * times exactly 0, so its parameters stay reachable from the loss (zero gradients, unchanged
 * logits) and appear in the parameter count.
 */
public final class KrHead {
  private final String name;
  private final int numClasses;
  private final double dropout;
  private final Init init;
  private final HeadInput input;

  /** A head that reads cat[pooled, d] when d is present ({@link HeadInput#FULL}). */
  public KrHead(String name, int numClasses, double dropout, Init init) {
    this(name, numClasses, dropout, init, HeadInput.FULL);
  }

  public KrHead(String name, int numClasses, double dropout, Init init, HeadInput input) {
    this.name = Checks.notNull("name", name);
    this.numClasses = Checks.positive("numClasses", numClasses);
    this.dropout = Checks.inRange("dropout", dropout, 0, 0.999);
    this.init = Checks.notNull("init", init);
    this.input = Checks.notNull("input", input);
  }

  public KrHead(int numClasses) {
    this("head", numClasses, 0, Init.lecunUniform());
  }

  public <T extends TFloating> Operand<T> apply(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d) {
    BuildContext<T> c = ctx.child(name);
    Checks.check(
        input != HeadInput.D0 || d.isPresent(),
        name + " d_0",
        d,
        "is required by a head that reads d_0");
    Operand<T> features =
        d.isPresent() && input != HeadInput.NONE
            ? c.tf().concat(List.of(pooled, d.value()), c.tf().constant(1))
            : pooled;
    features = new Dropout("dropout", dropout).apply(c, features);
    Operand<T> logits = new Linear("fc", numClasses).withKernelInit(init).apply(c, features);
    if (d.isPresent() && input == HeadInput.NONE) {
      // The last KR unit's d̃ feeds nothing else: tie d to the loss with weight exactly 0, so its
      // parameters get zero gradients rather than none (an explicit trainable list must be
      // reachable from the loss). The logits are unchanged.
      Operand<T> dSum = c.tf().reduceSum(d.value(), c.tf().constant(1), ReduceSum.keepDims(true));
      logits = c.tf().math.add(logits, c.tf().math.mul(dSum, c.tf().zerosLike(dSum)));
    }
    return logits;
  }
}
