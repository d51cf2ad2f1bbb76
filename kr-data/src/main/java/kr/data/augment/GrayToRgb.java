package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Replicates a single-channel image into three identical channels; images with 3 channels pass
 * unchanged.
 */
public record GrayToRgb() implements ImageOp {
  @Override
  public Image apply(Image image, RandomGenerator rng) {
    if (image.channels() == 3) {
      return image;
    }
    if (image.channels() != 1) {
      throw new IllegalArgumentException(
          "GrayToRgb needs 1 or 3 channels, got " + image.channels());
    }
    float[] src = image.pixels();
    float[] dst = new float[src.length * 3];
    for (int i = 0; i < src.length; i++) {
      dst[3 * i] = src[i];
      dst[3 * i + 1] = src[i];
      dst[3 * i + 2] = src[i];
    }
    return Image.of(image.height(), image.width(), 3, dst);
  }
}
