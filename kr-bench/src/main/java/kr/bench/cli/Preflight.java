package kr.bench.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kr.bench.run.TrainedCheckpoint;

/**
 * Checks a command's input files and output directory before any expensive work (loading data,
 * building the model), so that a wrong path fails in a second with one line naming the flag,
 * instead of after the data loaded. Each check throws an {@link IllegalArgumentException} whose
 * message starts with the flag.
 */
public final class Preflight {
  private Preflight() {}

  /**
   * {@code kr train}: the data directory's layout and a writable {@code --out}.
   *
   * @param dataset {@code --dataset}
   * @param dataDir {@code --data-dir}, or null for the dataset's default directory
   * @param out {@code --out}
   */
  public static void train(String dataset, Path dataDir, Path out) {
    data(dataset, dataDir);
    writableDirectory("--out", out);
  }

  /**
   * {@code kr eval}: the data directory's layout and a readable, non-empty checkpoint file.
   *
   * @param dataset {@code --dataset}
   * @param dataDir {@code --data-dir}, or null for the dataset's default directory
   * @param checkpoint {@code --checkpoint}
   */
  public static void eval(String dataset, Path dataDir, Path checkpoint) {
    readableFile("--checkpoint", checkpoint, "a .krckpt file written by kr train");
    data(dataset, dataDir);
  }

  /**
   * @param dataset registry name
   * @param dataDir the directory, or null for the dataset's default one
   * @return the directory checked
   */
  static Path data(String dataset, Path dataDir) {
    return TrainedCheckpoint.checkLayout(dataset, Optional.ofNullable(dataDir));
  }

  /**
   * Creates the directory if needed, then writes and deletes a probe file in it.
   *
   * @param flag the flag naming the directory, for the message
   * @param dir the directory
   * @return {@code dir}
   */
  static Path writableDirectory(String flag, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          flag + " " + dir + " is a file: expected a directory (created if missing)");
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".kr-write-probe-", ".tmp");
      try {
        Files.write(probe, new byte[] {1});
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      String why =
          e instanceof FileSystemException f ? Failure.describe(f) : String.valueOf(e.getMessage());
      throw new IllegalArgumentException(
          flag
              + " "
              + dir
              + " is not writable ("
              + why
              + "): expected a directory this user can create and write files in",
          e);
    }
    return dir;
  }

  /**
   * @param flag the flag naming the file, for the message
   * @param file the file
   * @param what what it should hold, for the message
   * @return {@code file}
   */
  static Path readableFile(String flag, Path file, String what) {
    String problem =
        !Files.exists(file)
            ? "does not exist"
            : !Files.isRegularFile(file)
                ? "is not a regular file"
                : !Files.isReadable(file) ? "is not readable" : size(file) == 0 ? "is empty" : null;
    if (problem != null) {
      throw new IllegalArgumentException(flag + " " + file + " " + problem + ": expected " + what);
    }
    return file;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
