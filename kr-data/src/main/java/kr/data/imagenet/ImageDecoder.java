package kr.data.imagenet;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kr.data.DatasetFormatException;
import kr.data.Image;

/** Decodes JPEG and PNG files with {@code javax.imageio} into RGB {@link Image}s (0..255). */
public final class ImageDecoder {
  static {
    ImageIO.setUseCache(false);
  }

  private ImageDecoder() {}

  /**
   * @param file a JPEG or PNG file
   * @return its pixels as 3-channel RGB (grayscale and palette images are converted)
   * @throws DatasetFormatException if the file cannot be read or decoded
   */
  public static Image decodeRgb(Path file) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DatasetFormatException("cannot decode image file " + file + ": " + e.getMessage()
          + " (expected a readable JPEG or PNG image)", e);
    }
    if (img == null) {
      throw new DatasetFormatException("cannot decode image file " + file
          + ": no javax.imageio reader recognises its content (expected a JPEG or PNG image)");
    }
    return toRgb(img);
  }

  /**
   * @param img decoded image
   * @return its pixels as 3-channel RGB
   */
  public static Image toRgb(BufferedImage img) {
    int h = img.getHeight();
    int w = img.getWidth();
    float[] px = new float[h * w * 3];
    if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
        && img.getRaster().getDataBuffer() instanceof DataBufferByte db
        && db.getNumBanks() == 1 && db.getData().length == h * w * 3) {
      byte[] bgr = db.getData();
      for (int i = 0; i < h * w; i++) {
        px[3 * i] = bgr[3 * i + 2] & 0xFF;
        px[3 * i + 1] = bgr[3 * i + 1] & 0xFF;
        px[3 * i + 2] = bgr[3 * i] & 0xFF;
      }
      return Image.of(h, w, 3, px);
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int o = (y * w + x) * 3;
        px[o] = (argb >> 16) & 0xFF;
        px[o + 1] = (argb >> 8) & 0xFF;
        px[o + 2] = argb & 0xFF;
      }
    }
    return Image.of(h, w, 3, px);
  }
}
