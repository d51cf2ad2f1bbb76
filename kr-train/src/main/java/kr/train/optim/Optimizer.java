package kr.train.optim;

import java.util.List;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The apply half of a training step: given the trainable parameters and their gradients, builds
 * one op that updates every parameter (and the optimizer's own slots) in place. The gradients are
 * computed by the trainer (from the explicit trainable list, never "every variable in the
 * graph"), clipped if asked, then handed here.
 */
public interface Optimizer {

  /** A short name, also the prefix of the slot variables in checkpoints. */
  String name();

  /**
   * Builds the update op.
   *
   * @param params the trainable parameters, float32
   * @param grads their gradients, in the same order
   * @param lr the learning rate of this step (a scalar the trainer feeds)
   * @param step the 1-based count of this update (a scalar the trainer feeds), for bias
   *     correction
   * @param slots where optimizer state is declared, so that checkpoints save it
   */
  Op update(Ops tf, List<Parameter> params, List<Operand<TFloat32>> grads, Operand<TFloat32> lr,
      Operand<TFloat32> step, Slots slots);

  /** Declares optimizer state: zero-initialised float32 variables saved with every checkpoint. */
  @FunctionalInterface
  interface Slots {
    /**
     * @param name a path unique in the checkpoint, e.g. {@code adamw/m/stage1/conv/kernel}
     * @param shape the slot's shape (that of its parameter)
     */
    Variable<TFloat32> zeros(String name, Shape shape);
  }
}
