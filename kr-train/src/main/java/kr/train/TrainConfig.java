package kr.train;

import kr.core.graph.Checks;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.optim.ScheduleSpec;

/**
 * Everything a training run is configured by, in three parts: how parameters are updated ({@link
 * OptimizerConfig}), what the loop does ({@link LoopConfig}) and where and how the run executes
 * ({@link RunConfig}). The parts validate themselves; this record checks what spans them (the
 * warmup fits in the epochs).
 *
 * <pre>{@code
 * TrainConfig config = new TrainConfig(OptimizerConfig.builder().lr(0.01).build(),
 *     LoopConfig.builder().epochs(10).batchSize(64).build(), RunConfig.in(dir));
 * }</pre>
 *
 * @param optimizer optimizer, LR schedule and clipping
 * @param loop epochs, batches, seed, loss and temperature
 * @param run directory, resume, checkpoints, threads, progress bar
 */
public record TrainConfig(OptimizerConfig optimizer, LoopConfig loop, RunConfig run) {

  public TrainConfig {
    Checks.notNull("optimizer", optimizer);
    Checks.notNull("loop", loop);
    Checks.notNull("run", run);
    Checks.check(
        optimizer.warmupEpochs() <= loop.epochs(),
        "warmupEpochs",
        optimizer.warmupEpochs(),
        "must be <= epochs (" + loop.epochs() + ")");
  }

  public TrainConfig withOptimizer(OptimizerConfig v) {
    return new TrainConfig(v, loop, run);
  }

  public TrainConfig withLoop(LoopConfig v) {
    return new TrainConfig(optimizer, v, run);
  }

  public TrainConfig withRun(RunConfig v) {
    return new TrainConfig(optimizer, loop, v);
  }

  /** The LR schedule's spec for {@code stepsPerEpoch} training steps per epoch. */
  public ScheduleSpec scheduleSpec(long stepsPerEpoch) {
    return optimizer.scheduleSpec(loop.epochs(), stepsPerEpoch);
  }

  /**
   * The loop settings that decide the training numbers: evaluation's batch size and cap are reset
   * to 0, since they change only what is reported.
   */
  LoopConfig trainingLoop() {
    return loop.toBuilder().evalBatchSize(0).maxEvalBatches(0).build();
  }
}
