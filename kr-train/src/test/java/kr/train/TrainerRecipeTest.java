package kr.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
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
            deit.loop().epochs(4).batchSize(32).seed(7).build(),
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
