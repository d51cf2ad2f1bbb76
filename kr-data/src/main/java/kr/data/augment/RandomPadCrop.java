package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Zero-pads each side by {@code pad} pixels and takes a random {@code height x width} crop, the
 * CIFAR recipe of He et al. (2016) with {@code pad=4}, crop 32. The top-left offset is drawn
 * uniformly from {@code 0..(H + 2*pad - height)} (row) and {@code 0..(W + 2*pad - width)} (column),
 * row first.
 *
 * @param pad zero padding on every side, {@code >= 0}
 * @param height crop rows
 * @param width crop columns
 */
public record RandomPadCrop(int pad, int height, int width) implements ImageOp {
  /** Checks the arguments. */
  public RandomPadCrop {
    Checks.nonNegative("pad", pad);
    Checks.positive("height", height);
    Checks.positive("width", width);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    int rows = image.height() + 2 * pad - height;
    int cols = image.width() + 2 * pad - width;
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "crop "
              + height
              + "x"
              + width
              + " larger than padded image "
              + (image.height() + 2 * pad)
              + "x"
              + (image.width() + 2 * pad));
    }
    int dy = rng.nextInt(rows + 1);
    int dx = rng.nextInt(cols + 1);
    return Crop.window(image, dy - pad, dx - pad, height, width);
  }
}
