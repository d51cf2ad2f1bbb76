package kr.train.recipe;

import kr.core.graph.Checks;
import kr.data.augment.Interpolation;
import kr.data.augment.RandAugment;

/**
 * A recipe's per-image training augmentation.
 *
 * @param crop the crop and flip
 * @param interpolation the resampling filter of the crop's resize
 * @param randAugment timm's RandAugment config such as {@code rand-m9-mstd0.5-inc1}, or empty for
 *     none; it is checked with {@link RandAugment#parse}
 */
public record Augmentation(TrainCrop crop, Interpolation interpolation, String randAugment) {

  public Augmentation {
    Checks.notNull("crop", crop);
    Checks.notNull("interpolation", interpolation);
    Checks.notNull("randAugment", randAugment);
    if (!randAugment.isEmpty()) {
      RandAugment.parse(randAugment);
    }
  }

  /** Whether RandAugment runs. */
  public boolean hasRandAugment() {
    return !randAugment.isEmpty();
  }

  /** The RandAugment policy, when {@link #hasRandAugment()}. */
  public RandAugment randAugmentPolicy() {
    Checks.check(hasRandAugment(), "randAugment", randAugment, "is empty: no RandAugment");
    return RandAugment.parse(randAugment);
  }
}
