package kr.train;

import java.nio.file.Path;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;

/**
 * The training run that {@link KillDuringWriteTest} starts as a child process (and, for its
 * reference and its resumes, runs in process): {@link TinyKrCnn} on {@link SyntheticData}, 3 epochs
 * of 4 steps, {@code threads(1, 1)}, two step checkpoints kept.
 *
 * <p>Arguments: the run directory, then {@code fresh} or {@code resume}, optionally {@code linger}:
 * after training the child waits to be killed instead of exiting, so that a kill after a random
 * delay is a {@code SIGKILL} however fast the machine trains.
 */
final class FaultChild {
  static final SyntheticData DATA = SyntheticData.create(128, 64, 42);
  static final int EPOCHS = 3;

  private FaultChild() {}

  static TrainConfig config(Path out, boolean resume) {
    return new TrainConfig(
        OptimizerConfig.builder().lr(0.01).warmupEpochs(1).build(),
        LoopConfig.builder().epochs(EPOCHS).batchSize(32).seed(7).build(),
        RunConfig.in(out)
            .withThreads(1, 1)
            .withProgress(false)
            .withKeepCheckpoints(2)
            .withResume(resume));
  }

  static TrainResult train(Path out, boolean resume) {
    return new Trainer(config(out, resume))
        .withLog(s -> {})
        .fit(TinyKrCnn.of(DATA), DATA.train(), DATA.test());
  }

  public static void main(String[] args) {
    TrainResult r = train(Path.of(args[0]), args[1].equals("resume"));
    System.out.println("done: " + r.last().orElseThrow().toJson());
    if (args.length > 2 && args[2].equals("linger")) {
      System.out.flush();
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
