package kr.train;

import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.kr.KrState;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Evaluator#extract} fetches from a model's inference build besides the logits: built
 * once, after {@code model.features}, from the inference context (whose {@link BuildContext#taps()}
 * hold what the layers recorded, e.g. each dynamic layer's kernel coefficients) and the features.
 */
@FunctionalInterface
public interface InferenceOutputs {
  /**
   * The outputs by name, each {@code [B, F]}: one row of F values per example.
   *
   * @param ctx the inference build's context
   * @param features the model's pooled features and final kernel representation
   */
  Map<String, Operand<TFloat32>> build(BuildContext<TFloat32> ctx, KrState<TFloat32> features);
}
