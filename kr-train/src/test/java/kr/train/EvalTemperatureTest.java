package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import kr.core.graph.TemperatureSchedule;
import kr.data.pipeline.Batch;
import kr.train.checkpoint.CheckpointFile;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.data.BatchStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference build of a model with an annealed temperature (DyConv, ODConv) divides by the
 * temperature of the last training step, as PyTorch's modules do in {@code eval()}: a model
 * evaluated while its temperature is still high is the function that was trained, not one at T = 1.
 */
class EvalTemperatureTest {
  private static final SyntheticData DATA = SyntheticData.create(32, 32, 5);

  @TempDir Path tmp;

  /** One epoch of batch 16 with DyConv's 30 → 1 over 10 epochs: the temperature stays high. */
  private static TrainConfig annealing(Path dir) {
    return new TrainConfig(
        OptimizerConfig.builder().lr(0.01).warmupEpochs(0).build(),
        LoopConfig.builder()
            .epochs(1)
            .batchSize(16)
            .temperature(TemperatureSchedule.linear(30, 10))
            .build(),
        RunConfig.builder(dir).threads(1, 1).progress(false).build());
  }

  /** Mean evaluation loss of one batch after one step fed lr 0 (weights unchanged) at {@code t}. */
  private double evalLossAfterAStepAt(double t, Path dir) {
    TrainConfig c = annealing(dir);
    try (ModelGraph g = ModelGraph.forTraining(new TinyNet(DATA.spec(), DATA.classes(), true), c);
        BatchStream s = DATA.train().batches(0, 0, 16, false, 0);
        Batch b = s.next()) {
      assertThat(g.evalTemperature()).isEqualTo(1.0);
      g.trainStep(b, 0, 1, t);
      assertThat(g.evalTemperature()).isEqualTo(t);
      return g.evalBatch(b)[0] / 16;
    }
  }

  @Test
  void evaluationUsesTheLastTrainingTemperature() {
    double atOne = evalLossAfterAStepAt(1, tmp.resolve("one"));
    double atThirty = evalLossAfterAStepAt(30, tmp.resolve("thirty"));
    // Same weights and BatchNorm statistics (lr 0; the statistics do not see T): only the
    // division of the logits differs, and at T = 30 they are nearly uniform.
    double uniform = Math.log(DATA.classes());
    assertThat(atThirty).isNotEqualTo(atOne);
    assertThat(Math.abs(atThirty - uniform)).isLessThan(Math.abs(atOne - uniform));
    assertThat(Math.abs(atThirty - uniform)).isLessThan(0.05);
  }

  @Test
  void aRestoredCheckpointIsEvaluatedAtItsRecordedTemperature() throws Exception {
    // One epoch of a 30 -> 1 schedule over 10 epochs: training stops at T = 27.1, far from 1.
    TrainConfig c = annealing(tmp.resolve("run"));
    TinyNet net = new TinyNet(DATA.spec(), DATA.classes(), true);
    TrainResult r = new Trainer(c).withLog(s -> {}).fit(net, DATA.train(), DATA.test());
    EpochMetrics last = r.last().orElseThrow();
    assertThat(last.temperature()).isGreaterThan(20);
    Path checkpoint = r.lastCheckpoint().orElseThrow();
    assertThat(Evaluator.reachedTemperature(CheckpointFile.read(checkpoint), checkpoint))
        .isEqualTo(last.temperature());

    EvalMetrics e = Evaluator.evaluate(net, checkpoint, DATA.test(), 16);
    assertThat(e.loss()).isCloseTo(last.testLoss(), within(1e-4));
    assertThat(e.top1()).isEqualTo(last.testTop1());
  }
}
