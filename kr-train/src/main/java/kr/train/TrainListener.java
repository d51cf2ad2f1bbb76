package kr.train;

/** Callbacks from a running {@link Trainer}, on the training thread. */
public interface TrainListener {

  /**
   * After each training step.
   *
   * @param globalStep steps taken so far (from 1)
   * @param epoch the current epoch (from 1)
   * @param loss the step's training loss
   */
  default void onStep(long globalStep, int epoch, double loss) {}

  /** After each epoch's evaluation and checkpoint. */
  default void onEpoch(EpochMetrics metrics) {}
}
