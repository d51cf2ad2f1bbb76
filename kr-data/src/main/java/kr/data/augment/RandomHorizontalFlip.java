package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Mirrors the image left to right with probability {@code p} (one {@code nextDouble()} draw per
 * image).
 *
 * @param p flip probability in [0, 1]
 */
public record RandomHorizontalFlip(double p) implements ImageOp {
  /** The usual probability, 0.5. */
  public static final double DEFAULT_P = 0.5;

  /** Checks the arguments. */
  public RandomHorizontalFlip {
    Checks.inRange("p", p, 0, 1);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    return rng.nextDouble() < p ? Crop.flipHorizontal(image) : image;
  }
}
