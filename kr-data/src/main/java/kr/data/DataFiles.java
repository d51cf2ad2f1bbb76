package kr.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** File helpers shared by the loaders: existence checks and whole-file reads with transparent gunzip. */
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
          (Files.exists(dir) ? "not a directory: " : "missing directory: ") + dir + " (expected " + what + ")");
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

  /**
   * Reads a whole file; if it starts with the gzip magic bytes {@code 1f 8b} it is decompressed.
   *
   * @param file the file
   * @return its (decompressed) bytes
   * @throws DatasetFormatException if it cannot be read or the gzip stream is corrupt or truncated
   */
  public static byte[] readMaybeGzipped(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetFormatException("cannot read file " + file + ": " + e, e);
    }
    if (raw.length < 2 || (raw[0] & 0xFF) != 0x1f || (raw[1] & 0xFF) != 0x8b) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
      return in.readAllBytes();
    } catch (EOFException e) {
      throw new DatasetFormatException("file " + file + ": gzip stream truncated (compressed size " + raw.length
          + " bytes): expected a complete gzip member", e);
    } catch (ZipException e) {
      throw new DatasetFormatException("file " + file + ": corrupt gzip data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DatasetFormatException("cannot decompress file " + file + ": " + e, e);
    }
  }
}
