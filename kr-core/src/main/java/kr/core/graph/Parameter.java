package kr.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * One parameter of a model: its scoped path (e.g. {@code stage2/block1/kg/kernel}), its
 * declaration, the graph variable holding it and the variable's value read through {@code Identity}
 * (reading a ref variable directly crashes some gradients, see docs/tensorflow-java-notes.md).
 */
public record Parameter(
    String path,
    ParamSpec spec,
    Variable<? extends TFloating> variable,
    Operand<? extends TFloating> value) {

  public boolean trainable() {
    return spec.trainable();
  }

  public long size() {
    return spec.size();
  }

  /** {@link #variable()} as float32, for update rules of float32 models (the caller checks). */
  @SuppressWarnings("unchecked")
  public Variable<TFloat32> float32Variable() {
    return (Variable<TFloat32>) variable;
  }

  /** {@link #value()} as float32, for update rules of float32 models (the caller checks). */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> float32Value() {
    return (Operand<TFloat32>) value;
  }
}
