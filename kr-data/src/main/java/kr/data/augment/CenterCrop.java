package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * Takes the central {@code height x width} window (offsets rounded half to even, as torchvision); a
 * window larger than the image is zero-filled around it.
 *
 * @param height crop rows
 * @param width crop columns
 */
public record CenterCrop(int height, int width) implements ImageOp {
  /** Checks the arguments. */
  public CenterCrop {
    Checks.positive("height", height);
    Checks.positive("width", width);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    if (image.height() == height && image.width() == width) {
      return image;
    }
    int top = (int) Math.rint((image.height() - height) / 2.0);
    int left = (int) Math.rint((image.width() - width) / 2.0);
    return Crop.window(image, top, left, height, width);
  }
}
