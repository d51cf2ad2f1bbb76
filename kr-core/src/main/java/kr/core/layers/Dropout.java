package kr.core.layers;

import kr.core.graph.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Inverted dropout: in training, zeroes elements with probability p and scales by 1/(1-p). The mask
 * is a function of (step, layer path) when the trainer installed the step (see {@link
 * BuildContext#setRandomStep}).
 */
public final class Dropout extends RandomDrop {

  /**
   * @param name layer name (the mask's seed derives from its path)
   * @param rate probability of dropping an element, in [0, 0.999]
   */
  public Dropout(String name, double rate) {
    super(name, "dropout rate", rate);
  }

  /** One draw per element: the shape of {@code x}. */
  @Override
  <T extends TFloating> Operand<? extends TNumber> maskShape(BuildContext<T> c, Operand<T> x) {
    return c.tf().shape(x);
  }
}
