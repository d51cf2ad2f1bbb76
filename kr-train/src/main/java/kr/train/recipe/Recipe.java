package kr.train.recipe;

import java.util.List;
import java.util.Locale;
import kr.core.graph.Checks;
import kr.train.config.AugmentConfig;
import kr.train.config.EmaConfig;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.optim.Optimizers;

/**
 * A named training recipe: every setting of a paper's training run. The optimizer's {@code lr} is
 * the rate at {@link #lrReferenceBatch}; a run at batch B uses {@code lr·B/lrReferenceBatch}
 * ({@link #lrFor}). Its warmup is the recipe's, or a fifth of a shorter run rounded up when that is
 * less ({@link #warmupFor}).
 *
 * @param name the recipe's name, lower-case with dashes (e.g. {@code deit})
 * @param description one line: where the values come from
 * @param optimizer optimizer, lr at the reference batch, weight decay and its scope, schedule,
 *     warmup (length and starting lr) and clipping
 * @param lrReferenceBatch the batch size {@code optimizer.lr()} is given for (0: the lr does not
 *     scale with the batch)
 * @param epochs the recipe's epochs
 * @param batchSize the recipe's total batch size
 * @param augmentation per-image training augmentation
 * @param regularisers label smoothing, Mixup/CutMix, random erasing, repeated augmentation,
 *     stochastic depth, dropout and EMA
 */
public record Recipe(
    String name,
    String description,
    OptimizerConfig optimizer,
    int lrReferenceBatch,
    int epochs,
    int batchSize,
    Augmentation augmentation,
    Regularisers regularisers) {

  public Recipe {
    Checks.notNull("name", name);
    Checks.check(name.matches("[a-z0-9]+(-[a-z0-9]+)*"), "name", name, "must be lower-case-dashed");
    Checks.notNull("description", description);
    Checks.notNull("optimizer", optimizer);
    Checks.nonNegative("lrReferenceBatch", lrReferenceBatch);
    Checks.positive("epochs", epochs);
    Checks.positive("batchSize", batchSize);
    Checks.check(
        optimizer.warmupEpochs() <= epochs,
        "warmupEpochs",
        optimizer.warmupEpochs(),
        "must be <= epochs (" + epochs + ")");
    Checks.notNull("augmentation", augmentation);
    Checks.notNull("regularisers", regularisers);
  }

  /**
   * The recipe called {@code name} in {@link Recipes}.
   *
   * @throws IllegalArgumentException naming the unknown name and the known ones
   */
  public static Recipe named(String name) {
    return Recipes.get(name);
  }

  /** The names in {@link Recipes}, in table order. */
  public static List<String> knownNames() {
    return Recipes.names();
  }

  /** The peak lr at batch {@code batch}: {@code lr·batch/lrReferenceBatch}, or {@code lr}. */
  public double lrFor(int batch) {
    Checks.positive("batch", batch);
    return lrReferenceBatch == 0
        ? optimizer.lr()
        : optimizer.lr() * batch / (double) lrReferenceBatch;
  }

  /**
   * The warmup of a run of {@code runEpochs}: {@code min(recipe warmup, ⌈runEpochs/5⌉)}, so a short
   * run spends at most a fifth of itself warming up.
   */
  public int warmupFor(int runEpochs) {
    return shortRunWarmup(optimizer.warmupEpochs(), runEpochs);
  }

  /**
   * The one rule for a run's default warmup, with or without a recipe: {@code min(warmupEpochs,
   * ⌈runEpochs/5⌉)}, so a short run spends at most a fifth of itself warming up ({@code kr train}
   * without {@code --recipe} and {@code --warmup-epochs} applies it to the default 5 epochs).
   */
  public static int shortRunWarmup(int warmupEpochs, int runEpochs) {
    Checks.nonNegative("warmupEpochs", warmupEpochs);
    Checks.positive("runEpochs", runEpochs);
    return Math.min(warmupEpochs, (runEpochs + 4) / 5);
  }

  /**
   * The optimizer settings of a run at batch {@code batch} for {@code runEpochs}: the lr scaled to
   * the batch, the warmup of {@link #warmupFor}; the floor and the warmup's starting lr are capped
   * at the scaled lr.
   */
  public OptimizerConfig optimizerFor(int batch, int runEpochs) {
    double lr = lrFor(batch);
    return optimizer.toBuilder()
        .lr(lr)
        .minLr(Math.min(optimizer.minLr(), lr))
        .warmupLr(Math.min(optimizer.warmupLr(), lr))
        .warmupEpochs(warmupFor(runEpochs))
        .build();
  }

  /** The recipe's own optimizer settings: {@link #optimizerFor} at its batch and epochs. */
  public OptimizerConfig resolvedOptimizer() {
    return optimizerFor(batchSize, epochs);
  }

  /**
   * A loop builder holding the recipe's epochs, batch size, label smoothing, data augmentation
   * ({@link #augment()}) and weight EMA ({@link #ema()}).
   */
  public LoopConfig.Builder loop() {
    return LoopConfig.builder()
        .epochs(epochs)
        .batchSize(batchSize)
        .labelSmoothing(regularisers.labelSmoothing())
        .augment(augment())
        .ema(ema());
  }

  /**
   * The recipe's data pieces beyond the dataset's crop and flip: RandAugment, random erasing,
   * Mixup/CutMix, repeated augmentation and the resampling filter. (The crop itself is the
   * dataset's: ImageNet's random resized crop, CIFAR's pad-4 crop.)
   */
  public AugmentConfig augment() {
    Regularisers r = regularisers;
    return new AugmentConfig(
        augmentation.randAugment(),
        r.randomErasing(),
        r.mixupAlpha(),
        r.cutmixAlpha(),
        r.mixes() ? r.mixSwitchProb() : AugmentConfig.NONE.mixSwitchProb(),
        r.repeatedAugmentations(),
        augmentation.interpolation());
  }

  /** The recipe's weight EMA ({@link EmaConfig#OFF} when its decay is 0). */
  public EmaConfig ema() {
    return new EmaConfig(regularisers.emaDecay());
  }

  /** Every setting, one {@code key: value} per line. */
  public String describe() {
    OptimizerConfig o = optimizer;
    Regularisers r = regularisers;
    StringBuilder b = new StringBuilder();
    line(b, "recipe", name);
    line(b, "description", description);
    line(b, "optimizer", o.optimizer().name().toLowerCase(Locale.ROOT));
    line(
        b,
        "lr",
        lrReferenceBatch == 0
            ? num(o.lr())
            : num(o.lr()) + " x batch/" + lrReferenceBatch + " (" + num(lrFor(batchSize)) + ")");
    line(b, "min-lr", num(o.minLr()));
    line(b, "weight-decay", num(o.weightDecay()));
    line(b, "decay-scope", o.decayScope().name().toLowerCase(Locale.ROOT));
    line(
        b,
        "momentum",
        o.optimizer() != Optimizers.SGD
            ? "n/a"
            : num(o.momentum()) + (o.nesterov() ? " nesterov" : ""));
    line(b, "schedule", o.schedule().name().toLowerCase(Locale.ROOT));
    line(b, "warmup-epochs", Integer.toString(o.warmupEpochs()));
    line(b, "warmup-lr", num(o.warmupLr()));
    line(b, "decay-epochs", Integer.toString(o.decayEpochs()));
    line(b, "gamma", num(o.gamma()));
    line(b, "clip-norm", num(o.clipNorm()));
    line(b, "epochs", Integer.toString(epochs));
    line(b, "batch-size", Integer.toString(batchSize));
    line(b, "crop", augmentation.crop().name().toLowerCase(Locale.ROOT));
    line(b, "interpolation", augmentation.interpolation().name().toLowerCase(Locale.ROOT));
    line(b, "rand-augment", augmentation.hasRandAugment() ? augmentation.randAugment() : "none");
    line(b, "label-smoothing", num(r.labelSmoothing()));
    line(b, "mixup-alpha", num(r.mixupAlpha()));
    line(b, "cutmix-alpha", num(r.cutmixAlpha()));
    line(b, "mix-switch-prob", num(r.mixSwitchProb()));
    line(b, "random-erasing", num(r.randomErasing()));
    line(b, "repeated-augmentations", Integer.toString(r.repeatedAugmentations()));
    line(
        b,
        "drop-path",
        num(r.dropPathStatic()) + " static, " + num(r.dropPathDynamic()) + " dynamic");
    line(b, "dropout", num(r.dropout()));
    line(b, "ema-decay", r.emaDecay() == 0 ? "off" : num(r.emaDecay()));
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(String.format(Locale.ROOT, "%-23s %s%n", key + ":", value));
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e6
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
