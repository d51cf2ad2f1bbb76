package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Resize to a fixed {@code height x width} with Pillow's resampling (see {@link Interpolation}).
 *
 * @param height output rows
 * @param width output columns
 * @param interpolation the filter
 */
public record Resize(int height, int width, Interpolation interpolation) implements ImageOp {
  /** Checks the arguments. */
  public Resize {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.notNull("interpolation", interpolation);
  }

  /**
   * A bilinear resize.
   *
   * @param height output rows
   * @param width output columns
   */
  public Resize(int height, int width) {
    this(height, width, Interpolation.BILINEAR);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    return interpolation.resize(image, height, width);
  }
}
