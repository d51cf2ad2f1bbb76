package kr.bench.run;

import java.nio.file.Path;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import kr.data.Image;
import kr.data.augment.Bilinear;
import kr.data.imagenet.ImageDecoder;

/**
 * An image file as a model's input: decoded with {@code javax.imageio} (PNG, JPEG, BMP, GIF; a
 * grayscale file keeps its one channel as stored), converted to the model's channels (grayscale
 * replicated to RGB; RGB to grayscale as the ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B),
 * resized bilinearly to the model's height and width, as raw pixel values 0..255 (HWC).
 */
public final class ImageInput {
  private ImageInput() {}

  /**
   * @throws kr.data.DatasetFormatException naming the file when it cannot be read or decoded
   */
  public static Image read(Path file) {
    return ImageDecoder.decode(Checks.notNull("file", file));
  }

  /** {@code image} converted to {@code input}'s channels and size: HWC pixel values 0..255. */
  public static float[] pixels(Image image, InputSpec input) {
    Image img = channels(image, input.channels());
    if (img.height() != input.height() || img.width() != input.width()) {
      img = Bilinear.resize(img, input.height(), input.width());
    }
    return img.pixels();
  }

  private static Image channels(Image img, int channels) {
    if (img.channels() == channels) {
      return img;
    }
    float[] src = img.pixels();
    int n = img.height() * img.width();
    float[] out = new float[n * channels];
    if (img.channels() == 1 && channels == 3) {
      for (int i = 0; i < n; i++) {
        out[3 * i] = src[i];
        out[3 * i + 1] = src[i];
        out[3 * i + 2] = src[i];
      }
    } else if (img.channels() == 3 && channels == 1) {
      for (int i = 0; i < n; i++) {
        out[i] = 0.299f * src[3 * i] + 0.587f * src[3 * i + 1] + 0.114f * src[3 * i + 2];
      }
    } else {
      throw new IllegalArgumentException(
          "cannot convert a " + img.channels() + "-channel image to " + channels + " channels");
    }
    return Image.of(img.height(), img.width(), channels, out);
  }
}
