package kr.core.train;

import java.util.List;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a {@link TrainStep} does with its gradients between the barrier and the clip: nothing by
 * default; a data-parallel trainer replaces each gradient by its mean over the replicas (an
 * all-reduce), so that clipping and the update see the gradient of the global batch.
 */
@FunctionalInterface
public interface GradientAggregation {

  /**
   * @param tf where the ops go
   * @param params the trainable parameters
   * @param gradients their gated gradients, in the same order
   * @return one gradient per parameter, in the same order and shapes
   */
  List<Operand<TFloat32>> apply(Ops tf, List<Parameter> params, List<Operand<TFloat32>> gradients);

  /** The gradients as they are (a single replica). */
  GradientAggregation NONE = (tf, params, gradients) -> gradients;
}
