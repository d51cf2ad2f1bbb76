package kr.train.config;

import java.util.Optional;
import kr.core.graph.Checks;
import kr.data.augment.Interpolation;
import kr.data.augment.RandAugment;
import kr.data.augment.RandomErasing;
import kr.data.mix.MixupCutmix;

/**
 * The data side of a training recipe beyond the dataset's own crop and flip: DeiT's per-example
 * RandAugment and random erasing, its per-batch Mixup/CutMix, its repeated-augmentation order and
 * the resampling filter. {@link #NONE} (every piece off) is the default; each piece is off at 0 (or
 * an empty RandAugment config, one repeat).
 *
 * <p>Where each runs (docs/training-recipe-pieces.md): the order and the per-example pieces in the
 * data pipeline ({@code kr.train.data.DatasetBatchSource}), Mixup/CutMix on each training batch in
 * the trainer, which then trains on soft targets.
 *
 * @param randAugment timm's RandAugment config (e.g. {@code rand-m9-mstd0.5-inc1}), or empty for
 *     none; applied after the dataset's training crop and flip
 * @param randomErasing the probability of erasing a rectangle of each normalised image (timm's
 *     pixel mode; DeiT 0.25)
 * @param mixupAlpha Mixup's Beta(α, α) parameter (0: no Mixup; DeiT 0.8)
 * @param cutmixAlpha CutMix's Beta(α, α) parameter (0: no CutMix; DeiT 1.0)
 * @param mixSwitchProb the probability of CutMix rather than Mixup when both are on (DeiT 0.5)
 * @param repeatedAugmentations copies of each image per epoch (1: a plain permutation; DeiT 3)
 * @param interpolation the resampling filter of the training crop and of the resize to the model's
 *     input (DeiT: bicubic)
 */
public record AugmentConfig(
    String randAugment,
    double randomErasing,
    double mixupAlpha,
    double cutmixAlpha,
    double mixSwitchProb,
    int repeatedAugmentations,
    Interpolation interpolation) {

  /** Every piece off, bilinear resampling: the dataset's own augmentation only. */
  public static final AugmentConfig NONE =
      new AugmentConfig("", 0, 0, 0, 0.5, 1, Interpolation.BILINEAR);

  public AugmentConfig {
    Checks.notNull("randAugment", randAugment);
    if (!randAugment.isEmpty()) {
      RandAugment.parse(randAugment);
    }
    Checks.check(
        randomErasing >= 0 && randomErasing <= 1,
        "randomErasing",
        randomErasing,
        "must be in [0, 1]");
    Checks.nonNegative("mixupAlpha", mixupAlpha);
    Checks.nonNegative("cutmixAlpha", cutmixAlpha);
    Checks.check(
        mixSwitchProb >= 0 && mixSwitchProb <= 1,
        "mixSwitchProb",
        mixSwitchProb,
        "must be in [0, 1]");
    Checks.positive("repeatedAugmentations", repeatedAugmentations);
    Checks.notNull("interpolation", interpolation);
  }

  /** Whether Mixup or CutMix is on: the training loss then takes soft targets. */
  public boolean mixes() {
    return mixupAlpha > 0 || cutmixAlpha > 0;
  }

  /** Whether any per-example piece or the order differs from the dataset's plain pipeline. */
  public boolean changesPipeline() {
    return !randAugment.isEmpty()
        || randomErasing > 0
        || repeatedAugmentations > 1
        || interpolation != Interpolation.BILINEAR;
  }

  /** The RandAugment policy, with this config's resampling filter, when one is set. */
  public Optional<RandAugment> randAugmentPolicy() {
    if (randAugment.isEmpty()) {
      return Optional.empty();
    }
    RandAugment p = RandAugment.parse(randAugment);
    return Optional.of(
        new RandAugment(
            p.numOps(),
            p.magnitude(),
            p.magnitudeStd(),
            p.prob(),
            p.ops(),
            interpolation,
            p.fill()));
  }

  /** timm's random erasing at {@link #randomErasing}, when it is on. */
  public Optional<RandomErasing> erasing() {
    return randomErasing == 0
        ? Optional.empty()
        : Optional.of(
            new RandomErasing(
                randomErasing,
                RandomErasing.MIN_AREA,
                RandomErasing.MAX_AREA,
                RandomErasing.MIN_ASPECT));
  }

  /**
   * The batch mixer for {@code classes} classes with label smoothing {@code smoothing} folded into
   * its targets (prob 1, timm's batch mode), when {@link #mixes()}.
   */
  public Optional<MixupCutmix> mixer(int classes, double smoothing) {
    return mixes()
        ? Optional.of(
            new MixupCutmix(mixupAlpha, cutmixAlpha, 1.0, mixSwitchProb, smoothing, classes))
        : Optional.empty();
  }

  public AugmentConfig withRandAugment(String v) {
    return new AugmentConfig(
        v,
        randomErasing,
        mixupAlpha,
        cutmixAlpha,
        mixSwitchProb,
        repeatedAugmentations,
        interpolation);
  }

  public AugmentConfig withRandomErasing(double v) {
    return new AugmentConfig(
        randAugment,
        v,
        mixupAlpha,
        cutmixAlpha,
        mixSwitchProb,
        repeatedAugmentations,
        interpolation);
  }

  public AugmentConfig withMixup(double alpha) {
    return new AugmentConfig(
        randAugment,
        randomErasing,
        alpha,
        cutmixAlpha,
        mixSwitchProb,
        repeatedAugmentations,
        interpolation);
  }

  public AugmentConfig withCutmix(double alpha) {
    return new AugmentConfig(
        randAugment,
        randomErasing,
        mixupAlpha,
        alpha,
        mixSwitchProb,
        repeatedAugmentations,
        interpolation);
  }

  public AugmentConfig withRepeatedAugmentations(int n) {
    return new AugmentConfig(
        randAugment, randomErasing, mixupAlpha, cutmixAlpha, mixSwitchProb, n, interpolation);
  }

  public AugmentConfig withInterpolation(Interpolation v) {
    return new AugmentConfig(
        randAugment,
        randomErasing,
        mixupAlpha,
        cutmixAlpha,
        mixSwitchProb,
        repeatedAugmentations,
        v);
  }
}
