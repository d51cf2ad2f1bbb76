package kr.bench.table;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import kr.core.graph.Checks;
import kr.train.TrainConfig;
import kr.train.config.OptimizerConfig;
import kr.train.recipe.Recipe;

/**
 * A training budget a mini table sets in place of a {@link Protocol}'s: the row's recipe (optimizer
 * family, weight decay, schedule shape) on {@code epochs} of {@code stepsPerEpoch} steps of {@code
 * batchSize} images, as the cpu protocol reduces it, with its own sizes.
 *
 * @param epochs epochs per run
 * @param stepsPerEpoch training steps per epoch (a fresh random subset of the training set each)
 * @param batchSize images per step
 * @param evalBatchSize images per evaluation batch
 * @param evalImages test images evaluated after each epoch (0: the whole test set)
 * @param lr peak learning rate; empty: the recipe's at its own batch (as the cpu protocol)
 */
public record Budget(
    int epochs,
    int stepsPerEpoch,
    int batchSize,
    int evalBatchSize,
    int evalImages,
    OptionalDouble lr) {

  public Budget {
    Checks.positive("epochs", epochs);
    Checks.positive("steps_per_epoch", stepsPerEpoch);
    Checks.positive("batch_size", batchSize);
    Checks.positive("eval_batch_size", evalBatchSize);
    Checks.nonNegative("eval_images", evalImages);
    Checks.check(
        evalImages % evalBatchSize == 0,
        "eval_images",
        evalImages,
        "must be a multiple of eval_batch_size " + evalBatchSize);
    Checks.notNull("lr", lr);
    lr.ifPresent(v -> Checks.positive("lr", v));
  }

  /** The training configuration of {@code row} under this budget (threads: TensorFlow's). */
  public TrainConfig trainConfig(RowSpec row, long seed, Path outDir, boolean resume) {
    TrainConfig base = Recipes.trainConfig(row, Protocol.PAPER, seed, outDir, resume);
    Recipe recipe = Recipe.named(row.recipe());
    OptimizerConfig full = recipe.optimizerFor(recipe.batchSize(), epochs);
    OptimizerConfig.Builder o =
        full.toBuilder().decayEpochs(Math.max(1, epochs * full.decayEpochs() / recipe.epochs()));
    lr.ifPresent(
        v -> o.lr(v).minLr(Math.min(full.minLr(), v)).warmupLr(Math.min(full.warmupLr(), v)));
    return new TrainConfig(
        o.build(),
        base.loop().toBuilder()
            .epochs(epochs)
            .batchSize(batchSize)
            .maxStepsPerEpoch(stepsPerEpoch)
            .evalBatchSize(evalBatchSize)
            .maxEvalBatches(evalImages / evalBatchSize)
            .build(),
        base.run());
  }

  /** One line: the budget in words. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d epochs x %d steps x batch %d (%d random training images per epoch), test top-1 on %s;"
            + " recipe optimizer and schedule shape kept%s",
        epochs,
        stepsPerEpoch,
        batchSize,
        stepsPerEpoch * batchSize,
        evalImages == 0 ? "the whole test set" : evalImages + " test images",
        lr.isPresent() ? String.format(Locale.ROOT, ", peak lr %s", lr.getAsDouble()) : "");
  }
}
