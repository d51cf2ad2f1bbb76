package kr.train.recipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.data.augment.Interpolation;
import kr.train.config.OptimizerConfig;
import kr.train.optim.Optimizers;
import kr.train.optim.Schedules;
import kr.train.optim.WeightDecayScope;

/**
 * The paper's training recipes, one table, values from the papers' code.
 *
 * <table>
 *   <caption>Recipes</caption>
 *   <tr><th>name</th><th>rows</th><th>source</th></tr>
 *   <tr><td>{@code deit}</td><td>ViT/DeiT (Tables 1, 6, 7)</td><td>DeiT {@code main.py}</td></tr>
 *   <tr><td>{@code poolformer}</td><td>PoolFormer-S12 (Table 3)</td><td>PoolFormer {@code
 *       train.py} (timm)</td></tr>
 *   <tr><td>{@code cifar-vit}</td><td>CIFAR ViT (Table 2)</td><td>paper §4.1</td></tr>
 *   <tr><td>{@code odconv-resnet}</td><td>ResNet (Table 4)</td><td>ODConv</td></tr>
 *   <tr><td>{@code odconv-mobilenet}</td><td>MobileNetV2 (Table 5)</td><td>ODConv</td></tr>
 * </table>
 *
 * <p>DeiT's code keeps a weight EMA (0.99996) but reports the plain model, so its EMA is off here.
 * Stochastic depth is 0.1 for static baselines and 0 for dynamic models (paper §4.1).
 */
public final class Recipes {
  private Recipes() {}

  private static final Augmentation DEIT_AUGMENT =
      new Augmentation(
          TrainCrop.RANDOM_RESIZED_CROP_FLIP, Interpolation.BICUBIC, "rand-m9-mstd0.5-inc1");

  private static final Regularisers DEIT_REGULARISERS =
      new Regularisers(0.1, 0.8, 1.0, 0.5, 0.25, 3, 0.1, 0, 0, 0);

  private static final Augmentation IMAGENET_PLAIN =
      new Augmentation(TrainCrop.RANDOM_RESIZED_CROP_FLIP, Interpolation.BILINEAR, "");

  private static final Map<String, Recipe> TABLE = table();

  /**
   * DeiT's optimizer: AdamW at {@code lr}, wd 0.05 with timm's exclusions, 5 warmup epochs from
   * 1e-6, cosine to 1e-5.
   */
  private static OptimizerConfig timmAdamW(double lr) {
    return OptimizerConfig.builder()
        .optimizer(Optimizers.ADAMW)
        .lr(lr)
        .minLr(1e-5)
        .weightDecay(0.05)
        .decayScope(WeightDecayScope.TIMM)
        .schedule(Schedules.WARMUP_COSINE)
        .warmupEpochs(5)
        .warmupLr(1e-6)
        .build();
  }

  private static Map<String, Recipe> table() {
    Map<String, Recipe> t = new LinkedHashMap<>();
    add(
        t,
        new Recipe(
            "deit",
            "DeiT: AdamW 5e-4 x B/512, wd 0.05 (timm exclusions), 5 warmup epochs from 1e-6, "
                + "cosine to 1e-5, 300 epochs",
            timmAdamW(5e-4),
            512,
            300,
            1024,
            DEIT_AUGMENT,
            DEIT_REGULARISERS));
    add(
        t,
        new Recipe(
            "poolformer",
            "PoolFormer-S12: AdamW 1e-3 x B/1024 (4e-3 at 4096), wd 0.05 (timm exclusions), 5 "
                + "warmup epochs from 1e-6, cosine to 1e-5, 300 epochs, DeiT augmentations",
            timmAdamW(1e-3),
            1024,
            300,
            1024,
            DEIT_AUGMENT,
            DEIT_REGULARISERS));
    add(
        t,
        new Recipe(
            "cifar-vit",
            "CIFAR ViT: Adam with coupled L2 5e-5, lr 1e-3 after 5 warmup epochs, cosine, "
                + "200 epochs at batch 256, pad-4 crop + flip",
            OptimizerConfig.builder()
                .optimizer(Optimizers.ADAM_L2)
                .lr(1e-3)
                .weightDecay(5e-5)
                .schedule(Schedules.WARMUP_COSINE)
                .warmupEpochs(5)
                .build(),
            0,
            200,
            256,
            new Augmentation(TrainCrop.PAD4_CROP_FLIP, Interpolation.BILINEAR, ""),
            Regularisers.NONE));
    add(
        t,
        new Recipe(
            "odconv-resnet",
            "ODConv ResNet: SGD momentum 0.9, lr 0.1 x B/256, wd 1e-4, x0.1 every 30 epochs, "
                + "100 epochs, classifier dropout 0.1",
            OptimizerConfig.builder()
                .optimizer(Optimizers.SGD)
                .lr(0.1)
                .weightDecay(1e-4)
                .momentum(0.9)
                .nesterov(false)
                .schedule(Schedules.STEP)
                .warmupEpochs(0)
                .decayEpochs(30)
                .gamma(0.1)
                .build(),
            256,
            100,
            256,
            IMAGENET_PLAIN,
            new Regularisers(0, 0, 0, 0, 0, 1, 0, 0, 0.1, 0)));
    add(
        t,
        new Recipe(
            "odconv-mobilenet",
            "ODConv MobileNetV2: SGD momentum 0.9, lr 0.05 x B/256, wd 4e-5, cosine, "
                + "150 epochs, classifier dropout 0.2",
            OptimizerConfig.builder()
                .optimizer(Optimizers.SGD)
                .lr(0.05)
                .weightDecay(4e-5)
                .momentum(0.9)
                .nesterov(false)
                .schedule(Schedules.WARMUP_COSINE)
                .warmupEpochs(0)
                .build(),
            256,
            150,
            256,
            IMAGENET_PLAIN,
            new Regularisers(0, 0, 0, 0, 0, 1, 0, 0, 0.2, 0)));
    return Collections.unmodifiableMap(t);
  }

  private static void add(Map<String, Recipe> t, Recipe r) {
    t.put(r.name(), r);
  }

  /** The recipe names, in table order. */
  public static List<String> names() {
    return List.copyOf(TABLE.keySet());
  }

  /** Every recipe, in table order. */
  public static List<Recipe> all() {
    return List.copyOf(TABLE.values());
  }

  /**
   * The recipe called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown name and the known ones
   */
  public static Recipe get(String name) {
    Recipe r = TABLE.get(name);
    if (r == null) {
      throw new IllegalArgumentException(
          "unknown recipe '" + name + "'; known recipes: " + String.join(", ", names()));
    }
    return r;
  }
}
