package kr.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * File helpers shared by the loaders: existence checks and whole-file reads with transparent
 * gunzip.
 */
public final class DataFiles {
  private DataFiles() {}

  /**
   * @param dir directory that must exist
   * @param what what the directory should hold, for the message
   * @return {@code dir}
   * @throws DatasetFormatException if it is missing or not a directory
   */
  public static Path requireDirectory(Path dir, String what) {
    Checks.notNull("dir", dir);
    if (!Files.isDirectory(dir)) {
      throw new DatasetFormatException(
          (Files.exists(dir) ? "not a directory: " : "missing directory: ")
              + dir
              + " (expected "
              + what
              + ")");
    }
    return dir;
  }

  /**
   * @param file file that must exist
   * @param what what the file should hold, for the message
   * @return {@code file}
   * @throws DatasetFormatException if it is missing
   */
  public static Path requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException("missing file: " + file + " (expected " + what + ")");
    }
    return file;
  }

  /** Most bytes one Java array can hold: the limit of any whole-file read. */
  public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  /**
   * Reads a whole file; if it starts with the gzip magic bytes {@code 1f 8b} it is decompressed.
   *
   * @param file the file
   * @return its (decompressed) bytes
   * @throws DatasetFormatException if it cannot be read, the gzip stream is corrupt or truncated,
   *     or the content is larger than {@link #MAX_ARRAY_BYTES}
   */
  public static byte[] readMaybeGzipped(Path file) {
    return readMaybeGzipped(file, MAX_ARRAY_BYTES, "at most one Java array");
  }

  /**
   * Reads a whole file, decompressing it if it starts with the gzip magic bytes {@code 1f 8b}, but
   * never more than {@code maxBytes}: a small gzip file that expands beyond what its header
   * declares fails after at most {@code maxBytes + 1} bytes were inflated, instead of exhausting
   * the heap. The gzip CRC and length trailer are verified whenever the whole content was read.
   *
   * @param file the file
   * @param maxBytes most (decompressed) bytes the file may hold, at most {@link #MAX_ARRAY_BYTES}
   * @param expected what the size should be, for the message
   * @return its (decompressed) bytes
   * @throws DatasetFormatException if it cannot be read, the gzip stream is corrupt or truncated,
   *     or it holds more than {@code maxBytes}
   */
  public static byte[] readMaybeGzipped(Path file, long maxBytes, String expected) {
    if (maxBytes < 0 || maxBytes > MAX_ARRAY_BYTES) {
      throw new IllegalArgumentException(
          "maxBytes must be in [0, " + MAX_ARRAY_BYTES + "], got " + maxBytes);
    }
    byte[] b = read(file, (int) Math.min(maxBytes + 1, MAX_ARRAY_BYTES));
    if (b.length > maxBytes) {
      throw new DatasetFormatException(
          "file "
              + file
              + ": holds more than "
              + maxBytes
              + " bytes"
              + (isGzip(file) ? " after decompression" : "")
              + ": expected "
              + expected);
    }
    return b;
  }

  /**
   * @param file the file
   * @param n how many bytes
   * @return the first {@code n} (decompressed) bytes, fewer if the content is shorter; the gzip
   *     trailer is not checked unless the whole content fits
   * @throws DatasetFormatException if it cannot be read or the gzip stream is corrupt or truncated
   *     before {@code n}
   */
  public static byte[] readHead(Path file, int n) {
    return read(file, n);
  }

  private static boolean isGzip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] read(Path file, int limit) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      try {
        return (gz ? new GZIPInputStream(raw, 1 << 16) : raw).readNBytes(limit);
      } catch (EOFException e) {
        throw new DatasetFormatException(
            "file "
                + file
                + ": gzip stream truncated (compressed size "
                + Files.size(file)
                + " bytes): expected a complete gzip member",
            e);
      } catch (ZipException e) {
        throw new DatasetFormatException(
            "file " + file + ": corrupt gzip data: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new DatasetFormatException("cannot decompress file " + file + ": " + e, e);
      }
    } catch (IOException e) {
      throw new DatasetFormatException("cannot read file " + file + ": " + e, e);
    }
  }
}
