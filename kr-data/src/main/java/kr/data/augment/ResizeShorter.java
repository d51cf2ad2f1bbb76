package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Resize so the shorter side becomes {@code size}, keeping the aspect ratio (the longer side is
 * {@code floor(size * long / short)}, as torchvision's {@code Resize(int)}), with Pillow's
 * resampling.
 *
 * @param size target length of the shorter side
 * @param interpolation the filter (bilinear unless given; DeiT evaluates with bicubic)
 */
public record ResizeShorter(int size, Interpolation interpolation) implements ImageOp {
  /** Checks the arguments. */
  public ResizeShorter {
    Checks.positive("size", size);
    Checks.notNull("interpolation", interpolation);
  }

  /**
   * A bilinear resize.
   *
   * @param size target length of the shorter side
   */
  public ResizeShorter(int size) {
    this(size, Interpolation.BILINEAR);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    int h = image.height();
    int w = image.width();
    if (Math.min(h, w) == size) {
      return image;
    }
    int oh = h <= w ? size : (int) ((long) size * h / w);
    int ow = h <= w ? (int) ((long) size * w / h) : size;
    return interpolation.resize(image, oh, ow);
  }
}
