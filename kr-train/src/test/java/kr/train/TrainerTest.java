package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import kr.core.graph.TemperatureSchedule;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.optim.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static final SyntheticData DATA = SyntheticData.create(256, 128, 42);

  @TempDir Path tmp;

  private static LoopConfig.Builder loop() {
    return LoopConfig.builder().epochs(3).batchSize(32).seed(7);
  }

  private static OptimizerConfig.Builder opt() {
    return OptimizerConfig.builder().lr(0.01).warmupEpochs(1);
  }

  private static RunConfig run(Path out) {
    return RunConfig.in(out).withThreads(1, 1).withProgress(false);
  }

  private static TrainConfig base(Path out) {
    return new TrainConfig(opt().build(), loop().build(), run(out));
  }

  private static Trainer quiet(TrainConfig c) {
    return new Trainer(c).withLog(s -> {});
  }

  @Test
  void lossFallsAndRunDirectoryIsWritten() throws Exception {
    TrainResult r =
        quiet(
                new TrainConfig(
                    opt().lr(0.05).build(), loop().epochs(4).build(), run(tmp.resolve("run"))))
            .fit(TinyNet.of(DATA), DATA.train(), DATA.test());
    r.history().forEach(m -> System.out.println(m.toJson()));

    List<EpochMetrics> h = r.history();
    assertThat(h).hasSize(4);
    assertThat(r.globalStep()).isEqualTo(4 * 8);
    assertThat(h.get(3).trainLoss()).isLessThan(h.get(0).trainLoss() * 0.7);
    assertThat(h.get(3).testTop1()).isGreaterThan(0.9);
    assertThat(h.get(3).testTop5()).isEqualTo(1.0);
    assertThat(r.interrupted()).isFalse();

    Path run = tmp.resolve("run");
    assertThat(Files.readAllLines(run.resolve("metrics.jsonl")))
        .hasSize(4)
        .allSatisfy(l -> assertThat(l).startsWith("{\"epoch\":").contains("\"test_top1\":"));
    assertThat(Files.readAllLines(run.resolve("metrics.csv")))
        .hasSize(5)
        .first()
        .asString()
        .startsWith("epoch,step,lr,");
    RunConfigFile config = new RunDirectory(run).readConfig();
    assertThat(config.effective())
        .isEqualTo(new TrainConfig(opt().lr(0.05).build(), loop().epochs(4).build(), run(run)));
    assertThat(config.history()).isEmpty();
    assertThat(Files.readString(run.resolve("config.json")))
        .contains("\"optimizer\" : \"ADAMW\"", "\"batch_size\" : 32", "\"seed\" : 7");
    assertThat(Files.readString(run.resolve("run.json")))
        .contains("\"git_commit\":", "\"cores\":", "\"java\":", "\"model\":\"tiny-net\"");
    // keepCheckpoints = 3 of 4 epoch checkpoints, plus best.
    assertThat(r.lastCheckpoint()).isPresent();
    assertThat(r.bestCheckpoint()).isPresent();
    try (var files = Files.list(run.resolve("checkpoints"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(
              "best.krckpt",
              "step-000000016.krckpt",
              "step-000000024.krckpt",
              "step-000000032.krckpt");
    }
    Checkpoint c = CheckpointFile.read(r.lastCheckpoint().get());
    assertThat(c.tensors())
        .containsKeys(
            "tiny/conv/kernel",
            "tiny/bn/moving_mean",
            "tiny/bn/moving_var",
            "tiny/fc/kernel",
            "optimizer/adamw/m/tiny/conv/kernel",
            "optimizer/adamw/v/tiny/fc/bias");
    TrainingState state = TrainingState.parse(c.metadata(), r.lastCheckpoint().get());
    assertThat(state.globalStep()).isEqualTo(32);
    assertThat(state.epoch()).isEqualTo(4);
    assertThat(state.history()).isEqualTo(h);

    // The evaluator reproduces the last epoch's test metrics from the checkpoint.
    EvalMetrics e = Evaluator.evaluate(TinyNet.of(DATA), r.lastCheckpoint().get(), DATA.test(), 32);
    assertThat(e.top1()).isEqualTo(h.get(3).testTop1());
    assertThat(e.loss()).isEqualTo(h.get(3).testLoss());
    assertThat(e.examples()).isEqualTo(128);
  }

  @Test
  void resumedRunEndsWithTheSameMetricsAsAnUninterruptedOne() throws Exception {
    TrainResult straight =
        quiet(base(tmp.resolve("a"))).fit(TinyNet.of(DATA), DATA.train(), DATA.test());

    Trainer first = quiet(base(tmp.resolve("b")));
    first.addListener(
        new TrainListener() {
          @Override
          public void onStep(long step, int epoch, double loss) {
            if (step == 11) {
              first.requestStop();
            }
          }
        });
    TrainResult cut = first.fit(TinyNet.of(DATA), DATA.train(), DATA.test());
    assertThat(cut.interrupted()).isTrue();
    assertThat(cut.globalStep()).isEqualTo(11);
    assertThat(cut.history()).hasSize(1);

    TrainResult resumed =
        quiet(base(tmp.resolve("b")).withRun(run(tmp.resolve("b")).withResume(true)))
            .fit(TinyNet.of(DATA), DATA.train(), DATA.test());

    assertThat(resumed.interrupted()).isFalse();
    assertThat(resumed.globalStep()).isEqualTo(straight.globalStep());
    assertThat(resumed.history()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(resumed.history().get(i).withoutTiming())
          .as("epoch %d", i + 1)
          .isEqualTo(straight.history().get(i).withoutTiming());
    }
    System.out.println("uninterrupted: " + straight.last().orElseThrow().toJson());
    System.out.println("resumed:       " + resumed.last().orElseThrow().toJson());
    // Bit-identical parameters, BatchNorm state and optimizer slots.
    Checkpoint a = CheckpointFile.read(straight.lastCheckpoint().orElseThrow());
    Checkpoint b = CheckpointFile.read(resumed.lastCheckpoint().orElseThrow());
    assertThat(b.tensors()).isEqualTo(a.tensors());
    assertThat(Files.readAllLines(tmp.resolve("b/metrics.jsonl"))).hasSize(3);
  }

  @Test
  void divergenceStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
    Path out = tmp.resolve("nan");
    TrainResult good =
        quiet(new TrainConfig(opt().warmupEpochs(0).build(), loop().epochs(1).build(), run(out)))
            .fit(TinyNet.of(DATA), DATA.train(), DATA.test());
    Path lastGood = good.lastCheckpoint().orElseThrow();

    // Resume the same run with an absurd learning rate: the weights overflow within a step or two.
    TrainConfig wild =
        new TrainConfig(
            opt().warmupEpochs(0).schedule(Schedules.CONSTANT).lr(1e30).build(),
            loop().epochs(2).build(),
            run(out).withResume(true));
    assertThatThrownBy(() -> quiet(wild).fit(TinyNet.of(DATA), DATA.train(), DATA.test()))
        .isInstanceOf(DivergenceException.class)
        .hasMessageContaining("training diverged: loss is")
        .hasMessageMatching("(?s).*at step (9|10|11) \\(epoch 2, batch \\d of 8.*")
        .hasMessageContaining("last good checkpoint: " + lastGood)
        .satisfies(
            e -> assertThat(((DivergenceException) e).lastGoodCheckpoint()).contains(lastGood));

    EvalMetrics e = Evaluator.evaluate(TinyNet.of(DATA), lastGood, DATA.test(), 32);
    assertThat(e.top1()).isEqualTo(good.history().get(0).testTop1());
    try (var files = Files.list(out.resolve("checkpoints"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("best.krckpt", "step-000000008.krckpt");
    }
  }

  @Test
  void temperatureIsFedAndRecorded() {
    TrainConfig c =
        base(tmp.resolve("t"))
            .withLoop(
                loop()
                    .epochs(2)
                    .maxStepsPerEpoch(4)
                    .temperature(TemperatureSchedule.linear(30, 1))
                    .build());
    TrainResult r = quiet(c).fit(new TinyNet(DATA.spec(), 4, true), DATA.train(), DATA.test());
    // N = 1 epoch × 4 steps: T(4) = 1 after the first epoch, and stays 1.
    assertThat(r.history()).extracting(EpochMetrics::temperature).containsExactly(1.0, 1.0);
    assertThat(r.globalStep()).isEqualTo(8);
  }

  @Test
  void resumeKeepsConfigJsonAndRecordsChangedSettingsWithTheirStep() throws Exception {
    Path out = tmp.resolve("hist");
    List<String> line = List.of("train", "--epochs", "1");
    quiet(
            new TrainConfig(
                opt().warmupEpochs(0).build(),
                loop().epochs(1).maxStepsPerEpoch(2).build(),
                run(out)))
        .withCommandLine(line)
        .withModelSection(RunConfigFile.modelSection(Map.of("width", 4)))
        .fit(TinyNet.of(DATA), DATA.train(), DATA.test());
    TrainConfig more =
        new TrainConfig(
            opt().warmupEpochs(0).lr(0.002).build(),
            loop().epochs(2).maxStepsPerEpoch(2).build(),
            run(out).withResume(true));
    List<String> line2 = List.of("train", "--epochs", "2", "--lr", "0.002", "--resume");
    TrainResult r =
        quiet(more)
            .withCommandLine(line2)
            .withModelSection(RunConfigFile.modelSection(Map.of("width", 4)))
            .fit(TinyNet.of(DATA), DATA.train(), DATA.test());
    assertThat(r.globalStep()).isEqualTo(4);
    RunConfigFile f = new RunDirectory(out).readConfig();
    assertThat(f.commandLine()).isEqualTo(line);
    assertThat(f.loop().epochs()).isEqualTo(1);
    assertThat(f.effectiveModel().get("width").asInt()).isEqualTo(4);
    assertThat(f.history())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.globalStep()).isEqualTo(2);
              assertThat(c.commandLine()).isEqualTo(line2);
              assertThat(c.optimizer().lr()).isEqualTo(0.002);
              assertThat(c.loop().epochs()).isEqualTo(2);
            });
    assertThat(f.effective()).isEqualTo(more);
  }

  @Test
  void resumeFromACheckpointOfTheFormerFormatStopsWithOneLine() throws Exception {
    // Format 1: magic, version 1, no metadata pairs, no tensors, CRC32.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CRC32 crc = new CRC32();
    var out = new DataOutputStream(new CheckedOutputStream(bytes, crc));
    out.writeBytes("KRCKPT\r\n");
    out.writeInt(1);
    out.writeInt(0);
    out.writeInt(0);
    out.flush();
    new DataOutputStream(bytes).writeLong(crc.getValue());
    Path old = tmp.resolve("old/checkpoints/step-000000008.krckpt");
    Files.createDirectories(old.getParent());
    Files.write(old, bytes.toByteArray());
    TrainConfig c = base(tmp.resolve("old")).withRun(run(tmp.resolve("old")).withResume(true));
    assertThatThrownBy(() -> quiet(c).fit(TinyNet.of(DATA), DATA.train(), DATA.test()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "resume: "
                + old
                + " has format version 1; this build reads version 2"
                + " (written by an older build)");
    assertThatThrownBy(() -> Evaluator.evaluate(TinyNet.of(DATA), old, DATA.test(), 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            old
                + " has format version 1; this build reads version 2"
                + " (written by an older build)");
  }

  @Test
  void freshRunRefusesADirectoryWithCheckpoints() {
    Path out = tmp.resolve("twice");
    TrainConfig c =
        new TrainConfig(
            opt().warmupEpochs(0).build(), loop().epochs(1).maxStepsPerEpoch(2).build(), run(out));
    quiet(c).fit(TinyNet.of(DATA), DATA.train(), DATA.test());
    assertThatThrownBy(() -> quiet(c).fit(TinyNet.of(DATA), DATA.train(), DATA.test()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds checkpoints");
  }

  @Test
  void dataThatDoesNotFitTheModelIsRejected() {
    TrainConfig c = base(tmp.resolve("bad"));
    assertThatThrownBy(
            () -> quiet(c).fit(new TinyNet(DATA.spec(), 5, false), DATA.train(), DATA.test()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numClasses");
    TrainConfig big = base(tmp.resolve("big")).withLoop(loop().batchSize(1000).build());
    assertThatThrownBy(() -> quiet(big).fit(TinyNet.of(DATA), DATA.train(), DATA.test()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize")
        .hasMessageContaining("1000");
  }
}
