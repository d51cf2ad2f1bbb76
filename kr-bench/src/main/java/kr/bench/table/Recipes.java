package kr.bench.table;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.backbones.api.BackboneArgs;
import kr.bench.run.RecipeModelArgs;
import kr.core.graph.TemperatureSchedule;
import kr.core.model.InputSpec;
import kr.train.TrainConfig;
import kr.train.config.AugmentConfig;
import kr.train.config.EmaConfig;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.recipe.Recipe;

/**
 * Maps a row's recipe name and a {@link Protocol} onto trainer settings and data. Everything a
 * protocol changes about training is decided in {@link #trainConfig} and {@link #data}.
 *
 * <p><b>Paper</b> (per recipe): {@code deit} AdamW, lr 5e-4·batch/512 (1e-3 at batch 1024), wd
 * 0.05, 300 epochs, 5 warmup epochs then cosine, label smoothing 0.1; {@code poolformer} the same
 * with lr 1e-3 at batch 1024 (PoolFormer's 4e-3 at 4096); {@code cifar-vit} Adam(W) lr 1e-3, wd
 * 5e-5, 200 epochs, batch 256, 5 warmup epochs then cosine (§4.1); {@code odconv-resnet} SGD
 * momentum 0.9, lr 0.1, batch 256, wd 1e-4, 100 epochs, ×0.1 every 30 epochs; {@code
 * odconv-mobilenet} SGD lr 0.05, batch 256, wd 4e-5, 150 epochs, cosine; the values are those of
 * {@link Recipe#named}, the one table of recipes. DyConv and ODConv rows anneal their attention
 * temperature 30 → 1 over the first 10 epochs. The {@code deit} and {@code poolformer} recipes run
 * with every DeiT piece ({@link Recipe#augment()}): bicubic random resized crop and flip,
 * RandAugment {@code rand-m9-mstd0.5-inc1} and random erasing 0.25 per image, Mixup 0.8 / CutMix
 * 1.0 per batch on soft targets with label smoothing 0.1 folded in, 3 repeated augmentations, and
 * stochastic depth 0.1 for static baselines and 0 for dynamic models (paper §4.1, {@link
 * RecipeModelArgs}); the recipes' classifier dropout too (ODConv's ResNet 0.1, MobileNetV2 0.2). No
 * weight EMA (DeiT reports the plain model).
 *
 * <p><b>CPU</b>: Fashion-MNIST (60,000/10,000 gray 28×28 images, 10 classes) stands in for ImageNet
 * and CIFAR; ViTs take 4×4 patches at 28×28 (their automatic patch size, as the paper's CIFAR
 * models), and the convolutional backbones train as the small-input variants their table names
 * ({@code small_input_backbones}: {@code resnet18-cifar}, {@code mobilenetv2-1.0-cifar}, {@code
 * poolformer-s12-cifar}, …, with 3×3 stride-1 stems), whose stages see 28, 14, 7 and 4 pixels
 * instead of the 7 down to 1 an ImageNet stem would leave; the reports keep the paper's backbone
 * and input for the FLOPs and params columns. Every recipe keeps its optimizer family and schedule
 * shape on a schedule of {@value #CPU_EPOCHS} epochs of {@value #CPU_STEPS} steps of {@value
 * #CPU_BATCH} images (a fresh random subset of {@value #CPU_IMAGES} training images per epoch), 1
 * warmup epoch, evaluated after each epoch on the first {@value #CPU_EVAL_IMAGES} test images.
 * Sizing, from {@code kr table 6 --protocol cpu --plan} on the 2-core machine (training step, batch
 * 64, 28×28): ViT-Nano static 81 img/s, ViT-Nano KR 4× 32 img/s, ViT-Tiny KR 4× 20 img/s. Table 6's
 * 42 runs (14 rows × 3 seeds) then cost ≈ 1.3 s of steps per training image of a run, so {@value
 * #CPU_IMAGES}×{@value #CPU_EPOCHS} images per run come to ≈ 2.2 h of steps plus graph set-up and
 * evaluation: the 3 h budget of Tables 2, 6 and 7 (Tables 2 and 7 cost less). {@code kr table N
 * --protocol cpu --plan} measures the step on the machine at hand and prints the resulting
 * estimate; retune these constants from it.
 *
 * <p><b>Smoke</b>: one epoch of {@value #SMOKE_STEPS} steps of {@value #SMOKE_BATCH} images on
 * generated 28×28 gray images with 10 classes (or {@code --dataset}), one evaluation batch, one
 * TensorFlow thread (bit-reproducible); the same small-input backbones as the cpu protocol.
 */
public final class Recipes {
  private Recipes() {}

  /** The generated dataset of the smoke protocol. */
  public static final String SYNTHETIC = "synthetic";

  /** The CPU protocol's default dataset. */
  public static final String CPU_DATASET = "fashion-mnist";

  static final int CPU_EPOCHS = 3;
  static final int CPU_STEPS = 32;
  static final int CPU_BATCH = 64;
  static final int CPU_IMAGES = CPU_STEPS * CPU_BATCH;
  static final int CPU_EVAL_BATCH = 250;
  static final int CPU_EVAL_IMAGES = 1000;
  static final int SMOKE_STEPS = 2;
  static final int SMOKE_BATCH = 8;

  /** The recipe names a spec may use: those of the training recipe table. */
  public static final List<String> NAMES = Recipe.knownNames();

  /**
   * The training configuration of {@code row} under {@code protocol}: the row's {@link Recipe},
   * reduced by the protocol. {@code paper} runs the recipe as it is; {@code cpu} and {@code smoke}
   * shorten its epochs, steps and batch, keeping the lr it has at its own batch (scaling it down to
   * batch {@value #CPU_BATCH} would leave a few dozen steps nearly untrained) and the shape of its
   * schedule.
   */
  public static TrainConfig trainConfig(
      RowSpec row, Protocol protocol, long seed, Path outDir, boolean resume) {
    Recipe recipe;
    try {
      recipe = Recipe.named(row.recipe());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (row " + row.id() + ")", e);
    }
    RunConfig run =
        RunConfig.in(outDir).withResume(resume).withProgress(false).withKeepCheckpoints(1);
    LoopConfig.Builder l = recipe.loop().seed(seed).temperature(temperature(row));
    OptimizerConfig o;
    if (protocol != Protocol.PAPER) {
      l.augment(AugmentConfig.NONE).ema(EmaConfig.OFF);
    }
    switch (protocol) {
      case PAPER -> o = recipe.resolvedOptimizer();
      case CPU -> {
        l.epochs(CPU_EPOCHS)
            .batchSize(CPU_BATCH)
            .maxStepsPerEpoch(CPU_STEPS)
            .evalBatchSize(CPU_EVAL_BATCH)
            .maxEvalBatches(CPU_EVAL_IMAGES / CPU_EVAL_BATCH);
        OptimizerConfig full = recipe.optimizerFor(recipe.batchSize(), CPU_EPOCHS);
        o =
            full.toBuilder()
                .decayEpochs(Math.max(1, CPU_EPOCHS * full.decayEpochs() / recipe.epochs()))
                .build();
      }
      default -> {
        l.epochs(1).batchSize(SMOKE_BATCH).maxStepsPerEpoch(SMOKE_STEPS).maxEvalBatches(1);
        o = recipe.optimizerFor(recipe.batchSize(), 1).toBuilder().warmupEpochs(0).build();
        run = run.withThreads(1, 1);
      }
    }
    return new TrainConfig(o, l.build(), run);
  }

  /**
   * The backbone arguments of {@code row} under {@code protocol}: the paper protocol adds its
   * recipe's classifier dropout and stochastic depth ({@link RecipeModelArgs}); cpu and smoke keep
   * the backbone's defaults and no drop path.
   */
  public static BackboneArgs modelArgs(
      RowSpec row, Protocol protocol, InputSpec input, int classes) {
    BackboneArgs args = RowModels.args(row, input, classes);
    return protocol == Protocol.PAPER
        ? RecipeModelArgs.apply(Recipe.named(row.recipe()), row.backboneFor(protocol), args)
        : args;
  }

  /**
   * The row's own schedule when its options name one, else its method's: DyConv and ODConv anneal
   * their attention temperature 30 → 1; the others use none.
   */
  static TemperatureSchedule temperature(RowSpec row) {
    return row.options().temperature().orElseGet(() -> RowModels.method(row).temperatureSchedule());
  }

  /**
   * The data columns of {@code table} under {@code protocol}: the paper's datasets (or the one
   * named), Fashion-MNIST for {@code cpu}, generated data for {@code smoke}. {@code dataset}
   * overrides the protocol's choice.
   */
  public static List<RunData> data(TableSpec table, Protocol protocol, Optional<String> dataset) {
    String first = table.datasets().get(0).name();
    InputSpec small = InputSpec.fashionMnist();
    return switch (protocol) {
      case PAPER ->
          dataset
              .map(
                  d ->
                      List.of(
                          new RunData(
                              d,
                              table.dataset(d).name(),
                              table.input(),
                              table.dataset(d).classes())))
              .orElseGet(
                  () ->
                      table.datasets().stream()
                          .map(d -> new RunData(d.name(), d.name(), table.input(), d.classes()))
                          .toList());
      case CPU -> List.of(new RunData(dataset.orElse(CPU_DATASET), first, small, 10));
      case SMOKE -> List.of(new RunData(dataset.orElse(SYNTHETIC), first, small, 10));
    };
  }

  /**
   * {@code "; accuracy runs train X for Y (note)"} for the rows whose trained backbone under {@code
   * protocol} is another layout than the one the FLOPs columns count ({@code training_backbones};
   * for cpu and smoke, the small-input variant of that layout), else empty.
   */
  static String trainingText(TableSpec table, Protocol protocol) {
    List<String> pairs =
        table.rows().stream()
            .filter(r -> !r.trainingBackbone().equals(r.backbone()))
            .map(r -> r.backboneFor(protocol) + " for " + r.backbone())
            .distinct()
            .toList();
    return pairs.isEmpty()
        ? ""
        : "; accuracy runs train "
            + String.join(", ", pairs)
            + (table.trainingNote().isEmpty() ? "" : " (" + table.trainingNote() + ")");
  }

  /**
   * What the paper protocol adds from the rows' recipes: the DeiT pieces for {@code deit} and
   * {@code poolformer} rows, none otherwise.
   */
  static String paperPieces(TableSpec table) {
    boolean deit =
        table.rows().stream().map(r -> Recipe.named(r.recipe())).anyMatch(r -> r.augment().mixes());
    return deit
        ? " (with RandAugment rand-m9-mstd0.5-inc1, random erasing 0.25, Mixup 0.8/CutMix 1.0 on"
            + " soft targets, label smoothing 0.1, 3 repeated augmentations, bicubic resampling,"
            + " drop path 0.1 for static baselines and 0 for dynamic models as the paper, no EMA)"
        : "";
  }

  /**
   * {@code "CNNs as their small-input variants …: a for b, …"} for the rows whose small-input
   * backbone differs from the paper's, else empty.
   */
  static String smallInputText(TableSpec table) {
    List<String> pairs =
        table.rows().stream()
            .filter(r -> !r.smallInputBackbone().equals(r.backbone()))
            .map(r -> r.smallInputBackbone() + " for " + r.backbone())
            .distinct()
            .toList();
    return pairs.isEmpty()
        ? ""
        : "CNNs as their small-input variants with 3x3 stride-1 stems: " + String.join(", ", pairs);
  }

  /**
   * Training images per epoch of the paper's full datasets (ImageNet-1k, CIFAR, Fashion-MNIST); 0
   * for one not listed.
   */
  public static long paperTrainImages(String dataset) {
    return switch (dataset) {
      case "imagenet" -> 1_281_167;
      case "cifar10", "cifar100", "fashion-mnist", "mnist" ->
          dataset.startsWith("cifar") ? 50_000 : 60_000;
      default -> 0;
    };
  }

  /** One line: which protocol ran and how it maps onto the paper's. */
  public static String describe(TableSpec table, Protocol protocol) {
    return switch (protocol) {
      case PAPER ->
          "protocol paper: "
              + table.paperProtocol()
              + paperPieces(table)
              + trainingText(table, protocol);
      case CPU ->
          "protocol cpu: Fashion-MNIST 28x28 gray (ViTs with 4x4 patches"
              + (smallInputText(table).isEmpty() ? "" : "; " + smallInputText(table))
              + ") in place of the paper's data; "
              + CPU_EPOCHS
              + " epochs x "
              + CPU_STEPS
              + " steps x batch "
              + CPU_BATCH
              + " ("
              + CPU_IMAGES
              + " random training images per epoch), test top-1 on "
              + CPU_EVAL_IMAGES
              + " test images; recipe optimizer and schedule shape kept"
              + trainingText(table, protocol)
              + "; paper: "
              + table.paperProtocol();
      case SMOKE ->
          "protocol smoke: "
              + SMOKE_STEPS
              + " steps of "
              + SMOKE_BATCH
              + " generated images per row"
              + (smallInputText(table).isEmpty() ? "" : " (" + smallInputText(table) + ")")
              + ", 1 test batch: checks the plumbing, the numbers mean nothing"
              + trainingText(table, protocol)
              + "; paper: "
              + table.paperProtocol();
    };
  }
}
