package kr.train.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kr.data.augment.Interpolation;
import kr.train.config.OptimizerConfig;
import kr.train.optim.Optimizers;
import kr.train.optim.Schedules;
import kr.train.optim.WeightDecayScope;
import org.junit.jupiter.api.Test;

class RecipesTest {

  @Test
  void tableHoldsTheFivePaperRecipesInOrder() {
    assertThat(Recipes.names())
        .containsExactly("deit", "poolformer", "cifar-vit", "odconv-resnet", "odconv-mobilenet");
    assertThat(Recipes.all()).extracting(Recipe::name).isEqualTo(Recipes.names());
  }

  @Test
  void deitIsTheDeitCodesRecipe() {
    Recipe r = Recipes.get("deit");
    OptimizerConfig o = r.optimizer();
    assertThat(o.optimizer()).isEqualTo(Optimizers.ADAMW);
    assertThat(o.lr()).isEqualTo(5e-4);
    assertThat(r.lrReferenceBatch()).isEqualTo(512);
    assertThat(o.minLr()).isEqualTo(1e-5);
    assertThat(o.weightDecay()).isEqualTo(0.05);
    assertThat(o.decayScope()).isEqualTo(WeightDecayScope.TIMM);
    assertThat(o.schedule()).isEqualTo(Schedules.WARMUP_COSINE);
    assertThat(o.warmupEpochs()).isEqualTo(5);
    assertThat(o.warmupLr()).isEqualTo(1e-6);
    assertThat(r.epochs()).isEqualTo(300);
    assertThat(r.augmentation())
        .isEqualTo(
            new Augmentation(
                TrainCrop.RANDOM_RESIZED_CROP_FLIP, Interpolation.BICUBIC, "rand-m9-mstd0.5-inc1"));
    assertThat(r.regularisers())
        .isEqualTo(new Regularisers(0.1, 0.8, 1.0, 0.5, 0.25, 3, 0.1, 0, 0, 0));
    assertThat(r.regularisers().mixes()).isTrue();
    assertThat(r.regularisers().dropPath(false)).isEqualTo(0.1);
    assertThat(r.regularisers().dropPath(true)).isEqualTo(0);
    // at DeiT's batch 1024 the lr is 1e-3
    assertThat(r.lrFor(1024)).isEqualTo(1e-3);
    assertThat(r.resolvedOptimizer().lr()).isEqualTo(1e-3);
  }

  @Test
  void poolformerScalesItsLrWithTheBatchAsPoolFormerDoes() {
    Recipe r = Recipes.get("poolformer");
    assertThat(r.lrFor(4096)).isEqualTo(4e-3);
    assertThat(r.lrFor(1024)).isEqualTo(1e-3);
    assertThat(r.optimizer().decayScope()).isEqualTo(WeightDecayScope.TIMM);
    assertThat(r.augmentation()).isEqualTo(Recipes.get("deit").augmentation());
    assertThat(r.regularisers().dropPathStatic()).isEqualTo(0.1);
  }

  @Test
  void cifarVitUsesAdamWithCoupledL2AndNoBatchScaling() {
    Recipe r = Recipes.get("cifar-vit");
    assertThat(r.optimizer().optimizer()).isEqualTo(Optimizers.ADAM_L2);
    assertThat(r.optimizer().weightDecay()).isEqualTo(5e-5);
    assertThat(r.optimizer().decayScope()).isEqualTo(WeightDecayScope.ALL);
    assertThat(r.lrFor(64)).isEqualTo(1e-3);
    assertThat(r.batchSize()).isEqualTo(256);
    assertThat(r.epochs()).isEqualTo(200);
    assertThat(r.optimizer().warmupEpochs()).isEqualTo(5);
    assertThat(r.augmentation().crop()).isEqualTo(TrainCrop.PAD4_CROP_FLIP);
    assertThat(r.augmentation().hasRandAugment()).isFalse();
    assertThat(r.regularisers()).isEqualTo(Regularisers.NONE);
  }

  @Test
  void odconvRecipesArePlainSgdWithoutWarmup() {
    Recipe res = Recipes.get("odconv-resnet");
    assertThat(res.optimizer().optimizer()).isEqualTo(Optimizers.SGD);
    assertThat(res.optimizer().momentum()).isEqualTo(0.9);
    assertThat(res.optimizer().nesterov()).isFalse();
    assertThat(res.optimizer().schedule()).isEqualTo(Schedules.STEP);
    assertThat(res.optimizer().decayEpochs()).isEqualTo(30);
    assertThat(res.optimizer().gamma()).isEqualTo(0.1);
    assertThat(res.optimizer().warmupEpochs()).isZero();
    assertThat(res.lrFor(256)).isEqualTo(0.1);
    assertThat(res.lrFor(64)).isEqualTo(0.025);
    assertThat(res.epochs()).isEqualTo(100);
    assertThat(res.regularisers().dropout()).isEqualTo(0.1);
    Recipe mob = Recipes.get("odconv-mobilenet");
    assertThat(mob.optimizer().schedule()).isEqualTo(Schedules.WARMUP_COSINE);
    assertThat(mob.optimizer().weightDecay()).isEqualTo(4e-5);
    assertThat(mob.lrFor(256)).isEqualTo(0.05);
    assertThat(mob.epochs()).isEqualTo(150);
    assertThat(mob.regularisers().dropout()).isEqualTo(0.2);
  }

  @Test
  void shortRunsWarmUpForAFifthOfTheRunAtMost() {
    Recipe r = Recipes.get("deit");
    assertThat(r.warmupFor(300)).isEqualTo(5);
    assertThat(r.warmupFor(25)).isEqualTo(5);
    assertThat(r.warmupFor(21)).isEqualTo(5);
    assertThat(r.warmupFor(20)).isEqualTo(4);
    assertThat(r.warmupFor(6)).isEqualTo(2);
    assertThat(r.warmupFor(5)).isEqualTo(1);
    assertThat(r.warmupFor(1)).isEqualTo(1);
    assertThat(Recipes.get("odconv-resnet").warmupFor(1)).isZero();
    OptimizerConfig o = r.optimizerFor(64, 2);
    assertThat(o.warmupEpochs()).isEqualTo(1);
    assertThat(o.lr()).isEqualTo(5e-4 * 64 / 512);
    assertThat(o.minLr()).isEqualTo(1e-5);
    assertThat(o.warmupLr()).isEqualTo(1e-6);
    // a batch so small that the scaled lr falls under the floor caps the floor
    OptimizerConfig tiny = r.optimizerFor(8, 2);
    assertThat(tiny.lr()).isEqualTo(5e-4 * 8 / 512);
    assertThat(tiny.minLr()).isEqualTo(tiny.lr());
  }

  @Test
  void loopCarriesEpochsBatchAndLabelSmoothing() {
    var loop = Recipes.get("deit").loop().build();
    assertThat(loop.epochs()).isEqualTo(300);
    assertThat(loop.batchSize()).isEqualTo(1024);
    assertThat(loop.labelSmoothing()).isEqualTo(0.1);
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Recipes.get("deit3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown recipe 'deit3'; known recipes: deit, poolformer, cifar-vit, odconv-resnet, "
                + "odconv-mobilenet");
  }

  @Test
  void describeListsEverySetting() {
    String d = Recipes.get("deit").describe();
    assertThat(d)
        .contains("recipe:                 deit")
        .contains("lr:                     5.0E-4 x batch/512 (0.001)")
        .contains("momentum:               n/a")
        .contains("decay-scope:            timm")
        .contains("warmup-lr:              1.0E-6")
        .contains("rand-augment:           rand-m9-mstd0.5-inc1")
        .contains("drop-path:              0.1 static, 0 dynamic")
        .contains("ema-decay:              off");
    assertThat(d.lines()).hasSize(28);
    assertThat(Recipes.get("odconv-resnet").describe()).contains("momentum:               0.9\n");
  }

  @Test
  void badValuesNameTheField() {
    assertThatThrownBy(
            () -> new Augmentation(TrainCrop.PAD4_CROP_FLIP, Interpolation.BILINEAR, "augmix"))
        .hasMessageContaining("augmix");
    assertThatThrownBy(() -> new Regularisers(0, 0, 0, 0, 1.5, 1, 0, 0, 0, 0))
        .hasMessageContaining("randomErasing");
    assertThatThrownBy(
            () ->
                new Recipe(
                    "x",
                    "",
                    OptimizerConfig.defaults(),
                    0,
                    2,
                    8,
                    Recipes.get("deit").augmentation(),
                    Regularisers.NONE))
        .hasMessageContaining("warmupEpochs");
  }
}
