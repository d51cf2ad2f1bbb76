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

  /**
   * After a stop request (Ctrl-C, SIGTERM or {@link Trainer#requestStop}) ended the run and its
   * checkpoint is saved. On a signal the JVM exits once {@link Trainer#fit} returns, so what the
   * caller wants to say about the stop belongs here, not after {@code fit}.
   *
   * @param globalStep steps taken so far
   */
  default void onStopped(long globalStep) {}
}
