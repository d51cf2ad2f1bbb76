package kr.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * Writers of real dataset formats, byte for byte as the datasets ship them, for round-trip and
 * bad-input tests.
 */
public final class TestFiles {
  private TestFiles() {}

  /**
   * @return IDX images bytes: magic 0x803, count, rows, cols, pixels
   */
  public static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
    b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols).put(pixels);
    return b.array();
  }

  /**
   * @return IDX labels bytes: magic 0x801, count, labels
   */
  public static byte[] idxLabels(byte[] labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(0x00000801).putInt(labels.length).put(labels);
    return b.array();
  }

  /**
   * @return the gzip of {@code data}
   */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code data} to {@code file}, creating parent folders. */
  public static Path write(Path file, byte[] data) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pixel value of test image {@code i} at (y, x, c). */
  public static int pixel(int i, int y, int x, int c) {
    return (i * 37 + y * 11 + x * 5 + c * 71) & 0xFF;
  }

  /**
   * @return {@code count} HWC images of {@link #pixel} values
   */
  public static byte[] pixels(int count, int h, int w, int c) {
    byte[] out = new byte[count * h * w * c];
    for (int i = 0, k = 0; i < count; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            out[k++] = (byte) pixel(i, y, x, ch);
          }
        }
      }
    }
    return out;
  }

  /**
   * Writes a full MNIST-layout directory: train (nTrain) and t10k (nTest) 28x28 files, label {@code
   * i % 10}.
   *
   * @param gzip whether to gzip the files (and add .gz)
   */
  public static void writeIdxDir(
      Path dir, int nTrain, int nTest, int rows, int cols, boolean gzip) {
    for (String prefix : new String[] {"train", "t10k"}) {
      int n = prefix.equals("train") ? nTrain : nTest;
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) (i % 10);
      }
      byte[] images = idxImages(n, rows, cols, pixels(n, rows, cols, 1));
      byte[] lab = idxLabels(labels);
      String ext = gzip ? ".gz" : "";
      write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gzip ? gzip(images) : images);
      write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gzip ? gzip(lab) : lab);
    }
  }

  /**
   * @param labelBytes label bytes per record (1 for CIFAR-10: label; 2 for CIFAR-100: coarse, fine)
   * @param labels {@code count x labelBytes} label values
   * @return CIFAR binary records, pixels channel-major (CHW) from {@link #pixel}{@code (first + r,
   *     ...)}
   */
  public static byte[] cifarRecords(int first, int[][] labels) {
    int count = labels.length;
    int lb = labels[0].length;
    byte[] out = new byte[count * (lb + 3072)];
    int k = 0;
    for (int r = 0; r < count; r++) {
      for (int l = 0; l < lb; l++) {
        out[k++] = (byte) labels[r][l];
      }
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            out[k++] = (byte) pixel(first + r, y, x, c);
          }
        }
      }
    }
    return out;
  }

  /** Writes an RGB image of {@link #pixel}{@code (seed, y, x, c)} values. */
  public static Path writeImage(Path file, String format, int seed, int h, int w) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(
            x, y, pixel(seed, y, x, 0) << 16 | pixel(seed, y, x, 1) << 8 | pixel(seed, y, x, 2));
      }
    }
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(img, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
