package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KR 4× network (per-sample 3×3 dynamic conv with ODConv attentions, BatchNorm in the stem, the
 * block and the KRG, dropout before the head) trains bit-identically under {@code threads(1, 1)}:
 * two fresh runs give the same loss at every step and the same checkpoint tensors, and so does a
 * run interrupted mid-epoch and resumed.
 */
class KrDeterminismTest {
  private static final SyntheticData DATA = SyntheticData.create(128, 64, 42);
  private static final int EPOCHS = 3;
  private static final int STEPS = EPOCHS * 4;

  @TempDir Path tmp;

  private TrainConfig config(Path out, boolean resume) {
    return new TrainConfig(
        OptimizerConfig.builder().lr(0.01).warmupEpochs(1).build(),
        LoopConfig.builder().epochs(EPOCHS).batchSize(32).seed(7).build(),
        RunConfig.in(out).withThreads(1, 1).withProgress(false).withResume(resume));
  }

  /** A run and the loss of each of its steps, in order. */
  private record Run(TrainResult result, List<Double> losses) {

    Checkpoint last() throws Exception {
      return CheckpointFile.read(result.lastCheckpoint().orElseThrow());
    }
  }

  private Run run(TrainConfig config, long stopAfter) {
    Trainer t = new Trainer(config).withLog(s -> {});
    List<Double> losses = new ArrayList<>();
    t.addListener(
        new TrainListener() {
          @Override
          public void onStep(long step, int epoch, double loss) {
            losses.add(loss);
            if (step == stopAfter) {
              t.requestStop();
            }
          }
        });
    return new Run(t.fit(TinyKrCnn.of(DATA), DATA.train(), DATA.test()), losses);
  }

  @Test
  void twoFreshRunsAndAResumedRunAreBitIdentical() throws Exception {
    Run a = run(config(tmp.resolve("a"), false), -1);
    Run b = run(config(tmp.resolve("b"), false), -1);
    System.out.println("run a: " + a.result().last().orElseThrow().toJson());
    System.out.println("run b: " + b.result().last().orElseThrow().toJson());

    assertThat(a.losses()).hasSize(STEPS).doesNotHaveDuplicates();
    assertThat(b.losses()).containsExactlyElementsOf(a.losses());
    for (int i = 0; i < EPOCHS; i++) {
      assertThat(b.result().history().get(i).withoutTiming())
          .as("epoch %d", i + 1)
          .isEqualTo(a.result().history().get(i).withoutTiming());
    }
    Checkpoint ca = a.last();
    assertThat(ca.tensors())
        .containsKeys(
            "tinykr/conv/conv/kernels",
            "tinykr/conv/kr/krg_bn/moving_var",
            "tinykr/bn/moving_mean",
            "optimizer/adamw/v/tinykr/conv/kr/conv/spatial/kernel");
    assertThat(b.last().tensors()).isEqualTo(ca.tensors());

    // Interrupted after step 6 (mid-epoch 2), then resumed from its checkpoint.
    Path c = tmp.resolve("c");
    Run cut = run(config(c, false), 6);
    assertThat(cut.result().interrupted()).isTrue();
    Run resumed = run(config(c, true), -1);
    List<Double> joined = new ArrayList<>(cut.losses());
    joined.addAll(resumed.losses());
    assertThat(joined).containsExactlyElementsOf(a.losses());
    assertThat(resumed.result().history().get(EPOCHS - 1).withoutTiming())
        .isEqualTo(a.result().history().get(EPOCHS - 1).withoutTiming());
    assertThat(resumed.last().tensors()).isEqualTo(ca.tensors());
  }

  /**
   * The same run with its graph compiled by XLA (the test JVM starts with the CPU flag, as ./kr
   * does) follows the uncompiled one: XLA fuses and reorders float arithmetic, so the losses agree
   * closely rather than bit for bit, and the checkpoint holds the same tensors.
   */
  @Test
  void anXlaCompiledRunFollowsTheUncompiledOne() throws Exception {
    assertThat(XlaJit.cpuJitEnabled()).as("TF_XLA_FLAGS has " + XlaJit.CPU_FLAG).isTrue();
    Run plain = run(config(tmp.resolve("plain"), false), -1);
    TrainConfig c = config(tmp.resolve("xla"), false);
    Run xla = run(c.withRun(c.run().withXla(true)), -1);
    assertThat(xla.losses()).hasSize(STEPS);
    assertThat(xla.losses().get(0)).isCloseTo(plain.losses().get(0), withinPercentage(0.01));
    for (int i = 0; i < STEPS; i++) {
      assertThat(xla.losses().get(i))
          .as("step %d", i + 1)
          .isCloseTo(plain.losses().get(i), withinPercentage(2));
    }
    assertThat(xla.last().tensors().keySet()).isEqualTo(plain.last().tensors().keySet());
  }
}
