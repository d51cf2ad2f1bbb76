package kr.data.idx;

import java.nio.file.Path;
import kr.data.DataFiles;
import kr.data.DatasetFormatException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic number
 * {@code 0x000008nn} (unsigned bytes, {@code nn} dimensions), {@code nn} big-endian int32 dimension
 * sizes, then the data. Files may be gzipped (detected from the content, not the name).
 */
public final class IdxFile {
  /** Magic number of an unsigned-byte 3-D (images) file. */
  public static final int MAGIC_IMAGES = 0x00000803;

  /** Magic number of an unsigned-byte 1-D (labels) file. */
  public static final int MAGIC_LABELS = 0x00000801;

  private IdxFile() {}

  /**
   * Decoded images file.
   *
   * @param count number of images
   * @param rows rows per image
   * @param cols columns per image
   * @param pixels {@code count*rows*cols} bytes, row-major per image
   */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /**
   * @param file an {@code *-images-idx3-ubyte[.gz]} file
   * @return its images
   * @throws DatasetFormatException naming the file, offset and expectation on any format error
   */
  public static Images readImages(Path file) {
    DataFiles.requireFile(file, "IDX images (magic 0x00000803)");
    byte[] head = DataFiles.readHead(file, 16);
    header(file, head, MAGIC_IMAGES, "unsigned-byte images, 3 dimensions");
    int count = dim(file, head, 0);
    int rows = dim(file, head, 1);
    int cols = dim(file, head, 2);
    int offset = 16;
    String formula = count + "*" + rows + "*" + cols;
    long expected = declared(file, offset, formula, count, rows, cols);
    byte[] b = readBounded(file, offset, expected, formula);
    checkLength(file, b, offset, expected, formula);
    byte[] pixels = new byte[(int) expected];
    System.arraycopy(b, offset, pixels, 0, pixels.length);
    return new Images(count, rows, cols, pixels);
  }

  /**
   * @param file an {@code *-labels-idx1-ubyte[.gz]} file
   * @param numClasses labels must lie in {@code 0..numClasses-1}
   * @return the labels
   * @throws DatasetFormatException naming the file, offset and expectation on any format error
   */
  public static int[] readLabels(Path file, int numClasses) {
    DataFiles.requireFile(file, "IDX labels (magic 0x00000801)");
    byte[] head = DataFiles.readHead(file, 8);
    header(file, head, MAGIC_LABELS, "unsigned-byte labels, 1 dimension");
    int count = dim(file, head, 0);
    int offset = 8;
    byte[] b = readBounded(file, offset, count, String.valueOf(count));
    checkLength(file, b, offset, count, String.valueOf(count));
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int v = b[offset + i] & 0xFF;
      if (v >= numClasses) {
        throw new DatasetFormatException(
            "file "
                + file
                + ": label "
                + v
                + " at offset "
                + (offset + i)
                + " (item "
                + i
                + ") is out of range: expected 0.."
                + (numClasses - 1));
      }
      labels[i] = v;
    }
    return labels;
  }

  /**
   * Trailing bytes read beyond the declared size before giving up: enough to report their exact
   * count in the usual case, and a bound on what a (gzipped) file that expands beyond its header
   * can make the reader allocate.
   */
  static final long TRAILING_SLACK = 1 << 20;

  /**
   * @return the declared data bytes, if the header and the data fit in one Java array
   */
  private static long declared(Path file, int offset, String formula, int... dims) {
    long n = 1;
    for (int d : dims) {
      n *=
          d; // each factor < 2^31 and the product is checked after each step, so it cannot overflow
      if (n > DataFiles.MAX_ARRAY_BYTES - offset) {
        throw new DatasetFormatException(
            "file "
                + file
                + ": the header declares "
                + formula
                + " data bytes, more than one Java array holds ("
                + DataFiles.MAX_ARRAY_BYTES
                + "): expected a "
                + "smaller (uncorrupted) size");
      }
    }
    return n;
  }

  /** Reads the header plus the declared data plus at most {@link #TRAILING_SLACK} more bytes. */
  private static byte[] readBounded(Path file, int offset, long expected, String formula) {
    long max = Math.min(DataFiles.MAX_ARRAY_BYTES, offset + expected + TRAILING_SLACK);
    return DataFiles.readMaybeGzipped(
        file,
        max,
        offset
            + " header bytes + "
            + formula
            + " = "
            + expected
            + " data bytes (and fewer than "
            + TRAILING_SLACK
            + " trailing bytes)");
  }

  private static void header(Path file, byte[] b, int magic, String kind) {
    int dims = magic & 0xFF;
    int headerBytes = 4 + 4 * dims;
    if (b.length < 4) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": truncated at offset "
              + b.length
              + ": expected a 4-byte magic number 0x"
              + hex(magic)
              + " ("
              + kind
              + ")");
    }
    int found = readInt(b, 0);
    if (found != magic) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": wrong magic number 0x"
              + hex(found)
              + " at offset 0: expected 0x"
              + hex(magic)
              + " (IDX "
              + kind
              + ")");
    }
    if (b.length < headerBytes) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": truncated header at offset "
              + b.length
              + ": expected "
              + headerBytes
              + " bytes (magic + "
              + dims
              + " dimension sizes)");
    }
  }

  private static int dim(Path file, byte[] b, int i) {
    int v = readInt(b, 4 + 4 * i);
    if (v < 0) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": dimension "
              + i
              + " at offset "
              + (4 + 4 * i)
              + " is negative ("
              + v
              + "): expected a size >= 0");
    }
    return v;
  }

  private static void checkLength(Path file, byte[] b, int offset, long expected, String formula) {
    long found = b.length - offset;
    if (found < expected) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": truncated at offset "
              + b.length
              + ": expected "
              + formula
              + " = "
              + expected
              + " data bytes after the "
              + offset
              + "-byte header, found "
              + found);
    }
    if (found > expected) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": "
              + (found - expected)
              + " unexpected trailing bytes from offset "
              + (offset + expected)
              + ": expected exactly "
              + formula
              + " = "
              + expected
              + " data bytes after the "
              + offset
              + "-byte header");
    }
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }

  private static String hex(int v) {
    return String.format("%08x", v);
  }
}
