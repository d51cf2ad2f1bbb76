package kr.bench.run;

import java.nio.file.Path;
import kr.train.TrainConfig;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;

/** The training a benchmark times: the default optimizer with no learning-rate warm-up. */
public final class BenchTraining {
  private BenchTraining() {}

  /**
   * One epoch of {@code steps} steps of {@code batchSize} images and one evaluation batch, into
   * {@code runDir}, keeping one checkpoint, without a progress bar.
   */
  public static TrainConfig oneEpoch(int batchSize, int steps, Path runDir) {
    return new TrainConfig(
        OptimizerConfig.builder().warmupEpochs(0).build(),
        LoopConfig.builder()
            .epochs(1)
            .batchSize(batchSize)
            .maxStepsPerEpoch(steps)
            .maxEvalBatches(1)
            .build(),
        RunConfig.in(runDir).withKeepCheckpoints(1).withProgress(false));
  }
}
