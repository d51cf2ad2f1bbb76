package kr.core.kr;

import java.util.Optional;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The kernel representation d_i threaded through a KR network's forward pass: a [B, dim] value, or
 * none (static networks and the dynamic-only ablation carry none, and their layers leave it
 * unchanged).
 */
public final class KernelRepresentation<T extends TFloating> {
  private final Optional<Operand<T>> value;

  private KernelRepresentation(Optional<Operand<T>> value) {
    this.value = value;
  }

  /** A representation [B, dim]. */
  public static <T extends TFloating> KernelRepresentation<T> of(Operand<T> value) {
    Checks.notNull("d", value);
    Checks.check(
        value.shape().numDimensions() == 2 && value.shape().get(1) > 0,
        "d",
        value.shape(),
        "must be [batch, dim] with a known dim");
    return new KernelRepresentation<>(Optional.of(value));
  }

  /** No representation. */
  public static <T extends TFloating> KernelRepresentation<T> none() {
    return new KernelRepresentation<>(Optional.empty());
  }

  public boolean isPresent() {
    return value.isPresent();
  }

  /** The value [B, dim]; fails on {@link #none()}. */
  public Operand<T> value() {
    return value.orElseThrow(() -> new IllegalStateException("no kernel representation"));
  }

  /** dim(d), 0 when absent. */
  public int dim() {
    return value.map(v -> (int) v.shape().get(1)).orElse(0);
  }

  @Override
  public String toString() {
    return value.isPresent() ? "d[" + dim() + "]" : "d(none)";
  }
}
