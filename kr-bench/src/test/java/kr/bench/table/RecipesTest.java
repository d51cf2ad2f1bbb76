package kr.bench.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kr.core.model.InputSpec;
import kr.train.TrainConfig;
import kr.train.config.AugmentConfig;
import kr.train.config.EmaConfig;
import kr.train.optim.Optimizers;
import kr.train.optim.WeightDecayScope;
import kr.train.recipe.Recipe;
import org.junit.jupiter.api.Test;

class RecipesTest {

  private static RowSpec row(int table, String recipe) {
    return TableSpecs.load(table).rows().stream()
        .filter(r -> r.recipe().equals(recipe))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyTableRowNamesARecipeOfTheTable() {
    TableSpecs.all()
        .forEach(t -> t.rows().forEach(r -> assertThat(Recipe.knownNames()).contains(r.recipe())));
  }

  @Test
  void paperProtocolRunsTheRecipeAsItIs() {
    RowSpec row = row(2, "cifar-vit");
    TrainConfig c = Recipes.trainConfig(row, Protocol.PAPER, 1, Path.of("o"), false);
    Recipe r = Recipe.named("cifar-vit");
    assertThat(c.optimizer()).isEqualTo(r.resolvedOptimizer());
    assertThat(c.optimizer().optimizer()).isEqualTo(Optimizers.ADAM_L2);
    assertThat(c.loop().epochs()).isEqualTo(200);
    assertThat(c.loop().batchSize()).isEqualTo(256);
    assertThat(c.loop().seed()).isEqualTo(1);
  }

  @Test
  void cpuProtocolShortensTheRecipeAndKeepsItsOptimizer() {
    RowSpec row = row(1, "deit");
    TrainConfig c = Recipes.trainConfig(row, Protocol.CPU, 0, Path.of("o"), false);
    assertThat(c.loop().epochs()).isEqualTo(Recipes.CPU_EPOCHS);
    assertThat(c.loop().batchSize()).isEqualTo(Recipes.CPU_BATCH);
    assertThat(c.loop().maxStepsPerEpoch()).isEqualTo(Recipes.CPU_STEPS);
    assertThat(c.loop().labelSmoothing()).isEqualTo(0.1);
    assertThat(c.optimizer().lr()).isEqualTo(1e-3); // the lr at DeiT's batch 1024
    assertThat(c.optimizer().warmupEpochs()).isEqualTo(1);
    assertThat(c.optimizer().warmupLr()).isEqualTo(1e-6);
    assertThat(c.optimizer().decayScope()).isEqualTo(WeightDecayScope.TIMM);

    TrainConfig smoke = Recipes.trainConfig(row, Protocol.SMOKE, 0, Path.of("o"), false);
    assertThat(smoke.loop().epochs()).isEqualTo(1);
    assertThat(smoke.loop().batchSize()).isEqualTo(Recipes.SMOKE_BATCH);
    assertThat(smoke.optimizer().warmupEpochs()).isZero();
  }

  @Test
  void cpuAndSmokeDescriptionsNameTheSmallInputBackbones() {
    assertThat(Recipes.describe(TableSpecs.load(4), Protocol.CPU))
        .contains("resnet18-cifar for resnet18")
        .contains("resnet50-v1.5-cifar for resnet50");
    assertThat(Recipes.describe(TableSpecs.load(5), Protocol.SMOKE))
        .contains("mobilenetv2-0.5-cifar for mobilenetv2-0.5");
    assertThat(Recipes.describe(TableSpecs.load(6), Protocol.CPU)).doesNotContain("small-input");
    assertThat(Recipes.describe(TableSpecs.load(4), Protocol.PAPER))
        .contains("accuracy runs train resnet50-v1.5 for resnet50 (the torchvision layout")
        .contains("FLOPs and params columns count resnet50");
    assertThat(Recipes.describe(TableSpecs.load(4), Protocol.CPU))
        .contains("accuracy runs train resnet50-v1.5-cifar for resnet50");
  }

  @Test
  void thePaperProtocolRunsTheDeitPiecesAndTheCpuProtocolNone() {
    TableSpec t1 = TableSpecs.load(1);
    TrainConfig paper =
        Recipes.trainConfig(t1.row("vit-nano"), Protocol.PAPER, 0, Path.of("o"), false);
    assertThat(paper.loop().augment()).isEqualTo(Recipe.named("deit").augment());
    assertThat(paper.loop().augment().mixes()).isTrue();
    assertThat(paper.loop().ema().enabled()).isFalse();
    TrainConfig cpu = Recipes.trainConfig(t1.row("vit-nano"), Protocol.CPU, 0, Path.of("o"), false);
    assertThat(cpu.loop().augment()).isEqualTo(AugmentConfig.NONE);
    assertThat(cpu.loop().ema()).isEqualTo(EmaConfig.OFF);
    InputSpec in = t1.input();
    assertThat(Recipes.modelArgs(t1.row("vit-nano"), Protocol.PAPER, in, 1000).dropPath())
        .isEqualTo(0.1);
    assertThat(Recipes.modelArgs(t1.row("vit-nano-kr4x"), Protocol.PAPER, in, 1000).dropPath())
        .isZero();
    assertThat(Recipes.modelArgs(t1.row("vit-nano-odconv4x"), Protocol.PAPER, in, 1000).dropPath())
        .isZero();
    assertThat(Recipes.modelArgs(t1.row("vit-nano"), Protocol.CPU, in, 1000).dropPath()).isZero();
    RowSpec r18 = TableSpecs.load(4).row("resnet18");
    assertThat(Recipes.modelArgs(r18, Protocol.PAPER, in, 1000).dropout()).hasValue(0.1);
    assertThat(Recipes.modelArgs(r18, Protocol.PAPER, in, 1000).dropPath()).isZero();
    assertThat(Recipes.describe(t1, Protocol.PAPER))
        .contains("RandAugment rand-m9-mstd0.5-inc1")
        .contains("drop path 0.1 for static baselines and 0 for dynamic models");
    assertThat(Recipes.describe(TableSpecs.load(4), Protocol.PAPER)).doesNotContain("RandAugment");
  }
}
