package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import kr.core.model.InputSpec;
import kr.data.DatasetInfo;
import kr.data.Split;
import kr.data.augment.Interpolation;
import kr.data.mix.MixupCutmix;
import kr.data.pipeline.Batch;
import kr.data.pipeline.SplitMix64;
import kr.data.synthetic.SyntheticDataset;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.config.AugmentConfig;
import kr.train.config.EmaConfig;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.ParallelConfig;
import kr.train.config.RunConfig;
import kr.train.data.BatchStream;
import kr.train.data.DatasetBatchSource;
import kr.train.optim.WeightDecayScope;
import kr.train.recipe.Recipe;
import kr.train.recipe.Recipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerRecipeTest {
  private static final SyntheticData DATA = SyntheticData.create(256, 128, 42);

  @TempDir Path tmp;

  @Test
  void deitRecipeTrainsWithItsDecayScopeAndWarmupStartAndRecordsThem() throws Exception {
    Recipe deit = Recipes.get("deit");
    // 4 epochs at batch 32: the lr scales to 5e-4·32/512, warmup min(5, ⌈4/5⌉) = 1 epoch from 1e-6.
    OptimizerConfig o = deit.optimizerFor(32, 4).toBuilder().lr(0.05).build();
    Path out = tmp.resolve("deit");
    TrainConfig c =
        new TrainConfig(
            o,
            // The per-example pieces need a dataset pipeline: see everyDeitPiece... below.
            deit.loop().epochs(4).batchSize(32).seed(7).augment(AugmentConfig.NONE).build(),
            RunConfig.in(out).withThreads(1, 1).withProgress(false));
    TrainResult r =
        new Trainer(c).withLog(s -> {}).fit(TinyNet.of(DATA), DATA.train(), DATA.test());

    List<EpochMetrics> h = r.history();
    assertThat(h.get(3).trainLoss()).isLessThan(h.get(0).trainLoss() * 0.8);
    RunConfigFile file = new RunDirectory(out).readConfig();
    assertThat(file.effective()).isEqualTo(c);
    assertThat(file.optimizer().decayScope()).isEqualTo(WeightDecayScope.TIMM);
    assertThat(file.optimizer().warmupLr()).isEqualTo(1e-6);
    assertThat(file.optimizer().warmupEpochs()).isEqualTo(1);
    assertThat(file.loop().labelSmoothing()).isEqualTo(0.1);
    assertThat(Files.readString(out.resolve("config.json")))
        .contains("\"decay_scope\" : \"TIMM\"", "\"warmup_lr\" : 1.0E-6");
  }

  /** 48 random 12×12 RGB training images (and 16 test ones) of 4 classes, as a dataset. */
  private static DatasetBatchSource source(Split split) {
    float[] mean = {0.5f, 0.5f, 0.5f};
    float[] std = {0.25f, 0.25f, 0.25f};
    SyntheticDataset d =
        new SyntheticDataset(new DatasetInfo("synthetic", 4, 12, 12, 3, mean, std, 48, 16), 3);
    return new DatasetBatchSource(d, split, new InputSpec(12, 12, 3), 1);
  }

  /** Every DeiT piece at once, plus an EMA: a few steps train to a finite loss. */
  private static LoopConfig deitLoop() {
    return Recipes.get("deit")
        .loop()
        .epochs(2)
        .batchSize(8)
        .maxStepsPerEpoch(3)
        .seed(5)
        .ema(new EmaConfig(0.9))
        .build();
  }

  /**
   * The same on two towers (two virtual CPU devices): each tower takes its slice of the mixed
   * images and soft targets, and the EMA follows the replicated step.
   */
  @Test
  void everyDeitPieceTrainsOnTwoTowers() throws Exception {
    Path out = tmp.resolve("towers");
    TrainConfig c =
        new TrainConfig(
            Recipes.get("deit").optimizerFor(8, 2),
            deitLoop(),
            RunConfig.in(out)
                .withThreads(1, 1)
                .withProgress(false)
                .withParallel(
                    new ParallelConfig(
                        2,
                        List.of(),
                        0,
                        false,
                        ParallelConfig.DEFAULT_COLLECTIVE_TIMEOUT_SECONDS)));
    DatasetBatchSource test = source(Split.TEST);
    TinyNet net = new TinyNet(test.input(), 4, false);
    TrainResult r = new Trainer(c).withLog(s -> {}).fit(net, source(Split.TRAIN), test);

    assertThat(r.globalStep()).isEqualTo(6);
    assertThat(r.history()).allSatisfy(m -> assertThat(m.trainLoss()).isFinite().isPositive());
    assertThat(CheckpointFile.read(r.lastCheckpoint().orElseThrow()).tensors())
        .containsKeys("ema/tiny/fc/kernel");
    assertThat(new RunDirectory(out).readConfig().run().parallel().devices()).isEqualTo(2);
  }

  @Test
  void everyDeitPieceTrainsOnADatasetPipeline() throws Exception {
    LoopConfig loop = deitLoop();
    AugmentConfig a = loop.augment();
    assertThat(a.randAugment()).isEqualTo("rand-m9-mstd0.5-inc1");
    assertThat(a.randomErasing()).isEqualTo(0.25);
    assertThat(a.mixes()).isTrue();
    assertThat(a.repeatedAugmentations()).isEqualTo(3);
    assertThat(a.interpolation()).isEqualTo(Interpolation.BICUBIC);
    Path out = tmp.resolve("pieces");
    TrainConfig c =
        new TrainConfig(
            Recipes.get("deit").optimizerFor(8, 2),
            loop,
            RunConfig.in(out).withThreads(1, 1).withProgress(false));
    DatasetBatchSource test = source(Split.TEST);
    TinyNet net = new TinyNet(test.input(), 4, false);
    TrainResult r = new Trainer(c).withLog(s -> {}).fit(net, source(Split.TRAIN), test);

    assertThat(r.globalStep()).isEqualTo(6);
    assertThat(r.history()).allSatisfy(m -> assertThat(m.trainLoss()).isFinite().isPositive());
    RunConfigFile file = new RunDirectory(out).readConfig();
    assertThat(file.loop().augment()).isEqualTo(a);
    assertThat(file.loop().ema().decay()).isEqualTo(0.9);
    assertThat(Files.readString(out.resolve("config.json")))
        .contains("\"rand_augment\" : \"rand-m9-mstd0.5-inc1\"", "\"mixup_alpha\" : 0.8");
    // The checkpoint keeps the shadows, and evaluating it evaluates them, as the trainer did.
    Checkpoint ckpt = CheckpointFile.read(r.lastCheckpoint().orElseThrow());
    assertThat(ckpt.tensors()).containsKeys("ema/tiny/fc/kernel", "ema/tiny/bn/moving_mean");
    EvalMetrics e = Evaluator.evaluate(net, r.lastCheckpoint().get(), test, 16);
    assertThat(e.loss()).isEqualTo(r.history().get(1).testLoss(), within(1e-5));
  }

  @Test
  void repeatedAugmentationAugmentsTheCopiesOfAnImageDifferently() {
    DatasetBatchSource src =
        source(Split.TRAIN)
            .withAugmentation(AugmentConfig.NONE.withRandomErasing(1).withRepeatedAugmentations(3));
    assertThat(src.epochSize(true)).isEqualTo(48); // 48 < 256: no rounding
    try (BatchStream s = src.batches(1, 0, 48, true, 0);
        Batch b = s.next()) {
      int[] idx = b.indices();
      float[] px = b.imagesArray();
      int per = 12 * 12 * 3;
      // [a, a, a, b, b, b, ...]: consecutive copies of one image, differently augmented.
      assertThat(idx[1]).isEqualTo(idx[0]);
      assertThat(idx[2]).isEqualTo(idx[0]);
      assertThat(Arrays.equals(px, 0, per, px, per, 2 * per)).isFalse();
    }
  }

  @Test
  void withMixingTheGraphTrainsOnSoftTargets() {
    SyntheticData data = SyntheticData.create(32, 16, 1);
    TrainConfig c =
        new TrainConfig(
            OptimizerConfig.builder().lr(0.01).warmupEpochs(0).build(),
            LoopConfig.builder()
                .epochs(1)
                .batchSize(8)
                .labelSmoothing(0.1)
                .augment(AugmentConfig.NONE.withMixup(0.8))
                .build(),
            RunConfig.in(tmp.resolve("g")).withThreads(1, 1));
    try (ModelGraph g = ModelGraph.forTraining(TinyNet.of(data), c);
        BatchStream s = data.train().batches(0, 0, 8, true, 0);
        Batch b = s.next()) {
      assertThat(g.softTargets()).isTrue();
      assertThatThrownBy(() -> g.trainStep(b, 0.01, 1, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("soft targets");
      MixupCutmix.Mixed mixed =
          c.loop()
              .augment()
              .mixer(data.classes(), 0.1)
              .orElseThrow()
              .apply(
                  b.imagesArray(),
                  b.labelsArray(),
                  b.height(),
                  b.width(),
                  b.channels(),
                  new SplitMix64(9));
      assertThat(mixed.targets()).hasSize(8 * data.classes());
      assertThat(g.trainStep(b, Optional.of(mixed), 0.01, 1, 1, false).loss())
          .isFinite()
          .isPositive();
    }
  }

  @Test
  void theEmaIsWhatEvaluationSeesAndTheWeightsStayRaw() {
    SyntheticData data = SyntheticData.create(64, 32, 2);
    TrainConfig c =
        new TrainConfig(
            OptimizerConfig.builder().lr(0.05).warmupEpochs(0).build(),
            LoopConfig.builder().epochs(1).batchSize(16).ema(new EmaConfig(0.5)).build(),
            RunConfig.in(tmp.resolve("e")).withThreads(1, 1));
    try (ModelGraph g = ModelGraph.forTraining(TinyNet.of(data), c)) {
      try (BatchStream s = data.train().batches(0, 0, 16, true, 0)) {
        for (int step = 1; s.hasNext(); step++) {
          try (Batch b = s.next()) {
            g.trainStep(b, 0.05, step, 1);
          }
        }
      }
      var before = g.snapshot();
      assertThat(before.get("tiny/fc/kernel").values())
          .isNotEqualTo(before.get("ema/tiny/fc/kernel").values());
      EvalMetrics ema = Trainer.evaluate(g, data.test(), 32, 0);
      assertThat(g.snapshot().get("tiny/fc/kernel").values())
          .isEqualTo(before.get("tiny/fc/kernel").values());
      g.swapEma(); // the raw weights become the shadows: evaluate swaps them in
      EvalMetrics raw = Trainer.evaluate(g, data.test(), 32, 0);
      g.swapEma();
      assertThat(ema.loss()).isNotEqualTo(raw.loss());
    }
  }

  @Test
  void timmDecayScopeLeavesBiasesOutOfTheDecay() {
    OptimizerConfig o = Recipes.get("deit").resolvedOptimizer();
    assertThat(o.spec().decayRule().decays("blocks0/attn/qkv/kernel", 2)).isTrue();
    assertThat(o.spec().decayRule().decays("blocks0/attn/qkv/bias", 1)).isFalse();
    assertThat(o.spec().decayRule().decays("pos_embed", 3)).isFalse();
    OptimizerConfig plain = Recipes.get("cifar-vit").resolvedOptimizer();
    assertThat(plain.spec().decayRule().decays("blocks0/attn/qkv/bias", 1)).isTrue();
  }
}
