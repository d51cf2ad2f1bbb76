package kr.data.fuzz;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Byte-level mutations of test inputs, and the offsets of the PNG and JPEG structures they target.
 */
public final class Mutations {
  private Mutations() {}

  static byte[] truncate(byte[] b, int length) {
    return Arrays.copyOf(b, length);
  }

  static byte[] flip(byte[] b, int offset, int bit) {
    byte[] out = b.clone();
    out[offset] ^= (byte) (1 << bit);
    return out;
  }

  static byte[] putInt(byte[] b, int offset, int value) {
    byte[] out = b.clone();
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
    return out;
  }

  static byte[] append(byte[] b, byte[] extra) {
    byte[] out = Arrays.copyOf(b, b.length + extra.length);
    System.arraycopy(extra, 0, out, b.length, extra.length);
    return out;
  }

  /**
   * Offset of the end of a PNG's IHDR chunk (signature 8 + length 4 + type 4 + data 13 + CRC 4).
   */
  static final int PNG_HEADER = 33;

  /**
   * Sets a PNG's declared width and height and recomputes the IHDR CRC, so only the size is wrong.
   */
  public static byte[] pngSize(byte[] png, int width, int height) {
    byte[] out = putInt(putInt(png, 16, width), 20, height);
    CRC32 crc = new CRC32();
    crc.update(out, 12, 17);
    return putInt(out, 29, (int) crc.getValue());
  }

  /**
   * @return offset of the IEND chunk (the last 12 bytes of a PNG written by ImageIO)
   */
  static int pngIend(byte[] png) {
    return png.length - 12;
  }

  /**
   * @return offset of the first JPEG marker {@code FF m} with {@code m} in {@code markers}
   */
  static int jpegMarker(byte[] jpeg, int... markers) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF) {
        for (int m : markers) {
          if ((jpeg[i + 1] & 0xFF) == m) {
            return i;
          }
        }
      }
    }
    throw new IllegalArgumentException("no JPEG marker " + Arrays.toString(markers));
  }

  /** Sets a JPEG's frame (SOF0/SOF2) height and width. */
  public static byte[] jpegSize(byte[] jpeg, int width, int height) {
    int sof = jpegMarker(jpeg, 0xC0, 0xC2);
    byte[] out = jpeg.clone();
    out[sof + 5] = (byte) (height >>> 8);
    out[sof + 6] = (byte) height;
    out[sof + 7] = (byte) (width >>> 8);
    out[sof + 8] = (byte) width;
    return out;
  }
}
