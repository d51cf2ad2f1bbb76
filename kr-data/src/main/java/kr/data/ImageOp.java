package kr.data;

import java.util.random.RandomGenerator;

/**
 * One image transform (crop, flip, resize, ...). Random transforms draw only from the generator
 * they are given, which the pipeline derives from (seed, epoch, example index), so the same inputs
 * give the same output bit for bit. Implementations live in {@link kr.data.augment}; chain them
 * with {@link #then}.
 */
@FunctionalInterface
public interface ImageOp {
  /**
   * @param image input image (not modified)
   * @param rng per-example random stream
   * @return the transformed image
   */
  Image apply(Image image, RandomGenerator rng);

  /**
   * @param next transform applied to this one's output
   * @return the composition {@code next(this(x))}
   */
  default ImageOp then(ImageOp next) {
    Checks.notNull("next", next);
    ImageOp first = this;
    return (image, rng) -> next.apply(first.apply(image, rng), rng);
  }

  /**
   * @return the transform that returns its input unchanged
   */
  static ImageOp identity() {
    return (image, rng) -> image;
  }
}
