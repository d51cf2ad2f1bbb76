package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Bilinear resize so the shorter side becomes {@code size}, keeping the aspect ratio (the longer side is
 * {@code floor(size * long / short)}, as torchvision's {@code Resize(int)}).
 *
 * @param size target length of the shorter side
 */
public record ResizeShorter(int size) implements ImageOp {
  /** Checks the arguments. */
  public ResizeShorter {
    Checks.positive("size", size);
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
    return Bilinear.resize(image, oh, ow);
  }
}
