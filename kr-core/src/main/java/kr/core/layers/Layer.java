package kr.core.layers;

import kr.core.graph.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A module with one input and one output, built into a graph by {@link #apply}.
 *
 * <p>How to add a layer: make an immutable class holding its settings (validated in the
 * constructor); in {@code apply}, take a child context named after the layer, declare parameters
 * with {@link BuildContext#param}, record the multiply-accumulates of its products with {@link
 * BuildContext#countMacs}, and return the output. Read input sizes from {@code x}'s static shape,
 * never from a constructor argument.
 */
public interface Layer {

  /** The layer's name, the last segment of its parameters' paths. */
  String name();

  <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x);
}
