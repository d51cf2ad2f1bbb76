package kr.core.kr;

import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** What flows between KR-aware blocks: the features x and the kernel representation d. */
public record KrState<T extends TFloating>(Operand<T> x, KernelRepresentation<T> d) {

  public KrState {
    Checks.notNull("x", x);
    Checks.notNull("d", d);
  }

  public KrState<T> withX(Operand<T> newX) {
    return new KrState<>(newX, d);
  }
}
