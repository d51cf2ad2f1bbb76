package kr.core.kr;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.layers.Dropout;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The classifier: logits = Linear(cat[pooled features, final d]) when d is present (paper §3.3),
 * Linear(pooled) otherwise; optional dropout before it.
 */
public final class KrHead {
  private final String name;
  private final int numClasses;
  private final double dropout;
  private final Init init;

  public KrHead(String name, int numClasses, double dropout, Init init) {
    this.name = Checks.notNull("name", name);
    this.numClasses = Checks.positive("numClasses", numClasses);
    this.dropout = Checks.inRange("dropout", dropout, 0, 0.999);
    this.init = Checks.notNull("init", init);
  }

  public KrHead(int numClasses) {
    this("head", numClasses, 0, Init.lecunUniform());
  }

  public <T extends TFloating> Operand<T> apply(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d) {
    BuildContext<T> c = ctx.child(name);
    Operand<T> features =
        d.isPresent() ? c.tf().concat(List.of(pooled, d.value()), c.tf().constant(1)) : pooled;
    features = new Dropout("dropout", dropout).apply(c, features);
    return new Linear("fc", numClasses).withKernelInit(init).apply(c, features);
  }
}
