package kr.data.imagenet;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import kr.data.DatasetFormatException;
import kr.data.Image;

/**
 * Decodes JPEG and PNG files with {@code javax.imageio} into RGB {@link Image}s (0..255).
 *
 * <p>A file is rejected with a {@link DatasetFormatException}, never a crash, when: no reader
 * recognises it; its header declares a size that is not positive or above {@link #MAX_PIXELS}
 * (checked before any pixel buffer is allocated, so a corrupt header cannot exhaust the heap);
 * decoding fails; or the decoder reports a warning. The JPEG decoder answers a truncated file
 * ("Premature end of JPEG file") or bad entropy-coded data with a warning and a partly grey image,
 * so warnings count as corruption.
 */
public final class ImageDecoder {
  /**
   * Most pixels an image may declare: 2<sup>26</sup> (about 8192 x 8192), eight times the largest
   * ImageNet training image; an RGB float copy of such an image takes 768 MiB.
   */
  public static final long MAX_PIXELS = 1L << 26;

  static {
    ImageIO.setUseCache(false);
  }

  private ImageDecoder() {}

  /**
   * @param file a JPEG or PNG file
   * @return its pixels as 3-channel RGB (grayscale and palette images are converted)
   * @throws DatasetFormatException if the file cannot be read or decoded, declares an oversized
   *     image, or the decoder warns that the data is corrupt or truncated
   */
  public static Image decodeRgb(Path file) {
    return read(file, false);
  }

  private static Image read(Path file, boolean keepGray) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new DatasetFormatException(
            "cannot open image file " + file + " (expected a readable JPEG or PNG)");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new DatasetFormatException(
            "cannot decode image file "
                + file
                + ": no javax.imageio reader recognises its content (expected a JPEG or PNG image)");
      }
      ImageReader reader = readers.next();
      try {
        BufferedImage img = decode(file, reader, in);
        return keepGray && isGray(img) ? toGray(img) : toRgb(img);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetFormatException d) {
        throw d;
      }
      throw new DatasetFormatException(
          "cannot decode image file "
              + file
              + ": "
              + e
              + " (expected a readable JPEG or PNG image)",
          e);
    }
  }

  /**
   * As {@link #decodeRgb}, but a grayscale file (one band, 8 or 16 bits) keeps its one channel,
   * read from the raster as stored (16-bit values scaled to 0..255), without the colour-space
   * conversion {@link BufferedImage#getRGB} applies to gray images; everything else is RGB.
   *
   * @param file a JPEG or PNG file
   * @return its pixels, 1 or 3 channels
   * @throws DatasetFormatException as {@link #decodeRgb}
   */
  public static Image decode(Path file) {
    return read(file, true);
  }

  private static BufferedImage decode(Path file, ImageReader reader, ImageInputStream in)
      throws IOException {
    reader.setInput(in, true, true);
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    long w = reader.getWidth(0);
    long h = reader.getHeight(0);
    if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
      throw new DatasetFormatException(
          "image file "
              + file
              + " ("
              + reader.getFormatName()
              + ") declares "
              + w
              + "x"
              + h
              + " pixels: expected a positive size of at most "
              + MAX_PIXELS
              + " pixels");
    }
    BufferedImage img = reader.read(0);
    if (!warnings.isEmpty()) {
      throw new DatasetFormatException(
          "image file "
              + file
              + " ("
              + reader.getFormatName()
              + ") is corrupt or truncated: the decoder reports '"
              + warnings.get(0)
              + "'");
    }
    return img;
  }

  /** One band in a gray colour space (not a palette, not gray with alpha). */
  private static boolean isGray(BufferedImage img) {
    return img.getRaster().getNumBands() == 1
        && !(img.getColorModel() instanceof IndexColorModel)
        && img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
  }

  /** The one band of a grayscale image as stored, on the 0..255 scale. */
  private static Image toGray(BufferedImage img) {
    int h = img.getHeight();
    int w = img.getWidth();
    float[] px = new float[h * w];
    img.getRaster().getSamples(0, 0, w, h, 0, px);
    int bits = img.getColorModel().getComponentSize(0);
    if (bits > 8) {
      float scale = 255f / ((1 << bits) - 1);
      for (int i = 0; i < px.length; i++) {
        px[i] *= scale;
      }
    }
    return Image.of(h, w, 1, px);
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
        && db.getNumBanks() == 1
        && db.getData().length == h * w * 3) {
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
