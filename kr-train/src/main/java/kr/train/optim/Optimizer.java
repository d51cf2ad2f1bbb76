package kr.train.optim;

import kr.core.train.UpdateRule;

/**
 * A named {@link UpdateRule}: the apply half of a training step that {@code kr.core.train
 * .TrainStep} builds (gradients of the explicit trainable list, the barrier, clipping, then this
 * update). The name prefixes the rule's slot variables in checkpoints.
 */
public interface Optimizer extends UpdateRule {

  /** A short name, also the prefix of the slot variables in checkpoints. */
  String name();
}
