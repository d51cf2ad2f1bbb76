package kr.core.train;

import java.util.ArrayList;
import java.util.List;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The apply half of a {@link TrainStep}: given the trainable parameters and their (gated, possibly
 * clipped) gradients, builds one op that updates every parameter, and the rule's own state, in
 * place. Optimizers such as AdamW or SGD with momentum implement it; {@link #gradientDescent()} is
 * the stateless rule {@code w ← w − lr·g}.
 *
 * <p>An implementation writes parameters with {@code Assign} on {@link Parameter#variable()} and
 * reads them through {@link Parameter#value()}; {@link TrainStep} guarantees that every gradient is
 * computed before any of these ops runs.
 */
@FunctionalInterface
public interface UpdateRule {

  /**
   * Builds the update op.
   *
   * @param params the trainable parameters, float32
   * @param grads their gradients, in the same order
   * @param lr the learning rate of this step (a scalar, usually fed per step)
   * @param step the 1-based count of this update (a scalar), e.g. for Adam's bias correction
   * @param slots where the rule declares its state, so that checkpoints can save it
   */
  Op update(
      Ops tf,
      List<Parameter> params,
      List<Operand<TFloat32>> grads,
      Operand<TFloat32> lr,
      Operand<TFloat32> step,
      Slots slots);

  /** Declares update-rule state: zero-initialised float32 variables. */
  @FunctionalInterface
  interface Slots {
    /**
     * @param name a path unique among the step's slots, e.g. {@code adamw/m/stage1/conv/kernel}
     * @param shape the slot's shape (usually its parameter's)
     */
    Variable<TFloat32> zeros(String name, Shape shape);
  }

  /** Plain gradient descent, {@code w ← w − lr·g}, with no state. */
  static UpdateRule gradientDescent() {
    return (tf, params, grads, lr, step, slots) -> {
      List<Op> assigns = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        assigns.add(
            tf.assign(
                p.float32Variable(), tf.math.sub(p.float32Value(), tf.math.mul(lr, grads.get(i)))));
      }
      return tf.withControlDependencies(assigns).withName("sgd_update").noOp();
    };
  }
}
