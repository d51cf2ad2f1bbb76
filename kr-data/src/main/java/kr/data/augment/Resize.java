package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Bilinear resize to a fixed {@code height x width} (see {@link Bilinear} for the filter).
 *
 * @param height output rows
 * @param width output columns
 */
public record Resize(int height, int width) implements ImageOp {
  /** Checks the arguments. */
  public Resize {
    Checks.positive("height", height);
    Checks.positive("width", width);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    return Bilinear.resize(image, height, width);
  }
}
