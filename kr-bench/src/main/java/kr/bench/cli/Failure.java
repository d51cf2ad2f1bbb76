package kr.bench.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import kr.backbones.registry.PluginException;
import kr.data.DatasetFormatException;
import kr.train.DivergenceException;
import kr.train.checkpoint.CheckpointMismatchException;
import kr.train.checkpoint.CorruptCheckpointException;
import kr.train.distributed.CollectiveFailure;

/**
 * How the {@code kr} command line reports a failure: one line and an exit code. The only place that
 * maps exceptions to what the user sees; {@link KrCli} prints the line (and, with {@code --debug},
 * the stack trace).
 *
 * <p>The cause chain is searched from the top for the first exception of a known kind, so a loader
 * error wrapped by a worker thread is still reported as the loader's message.
 *
 * @param exitCode {@link KrCli#EXIT_USAGE} for bad flags, values and input files (data, checkpoint,
 *     {@code --out}) and for a broken plugin on the class path ({@link PluginException}); {@link
 *     KrCli#EXIT_FAILED} for a run that failed (diverged, I/O error while running, unexpected
 *     error)
 * @param message the line to print after {@code "kr: "}: names the file, flag or value and what was
 *     expected
 */
public record Failure(int exitCode, String message) {

  /**
   * @param t what the command threw
   * @return its exit code and one-line message
   */
  public static Failure of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      Failure f = known(c);
      if (f != null) {
        return f;
      }
    }
    if (t instanceof OutOfMemoryError) {
      return new Failure(
          KrCli.EXIT_FAILED,
          "out of memory ("
              + t.getMessage()
              + "): raise the heap, e.g. "
              + "KR_JAVA_OPTS=-Xmx16g, or lower --batch-size");
    }
    return new Failure(
        KrCli.EXIT_FAILED,
        "unexpected error: " + oneLine(t.toString()) + " (rerun with --debug for the stack trace)");
  }

  private static Failure known(Throwable c) {
    if (c instanceof DatasetFormatException) {
      return usage(c.getMessage());
    }
    if (c instanceof CorruptCheckpointException) {
      return usage(
          "checkpoint "
              + c.getMessage()
              + ": expected a complete .krckpt file written by kr train");
    }
    if (c instanceof CheckpointMismatchException) {
      return usage(
          c.getMessage()
              + ": pass the --backbone, --kr, --method, --kr-attention and dataset flags the "
              + "checkpoint was trained with");
    }
    if (c instanceof PluginException) {
      return usage(c.getMessage() + " (remove it from the class path or fix it)");
    }
    if (c instanceof IllegalArgumentException) {
      return usage(c.getMessage());
    }
    if (c instanceof CollectiveFailure) {
      return new Failure(KrCli.EXIT_FAILED, oneLine(c.getMessage()));
    }
    if (c instanceof DivergenceException) {
      return new Failure(KrCli.EXIT_FAILED, oneLine(c.getMessage()));
    }
    if (c instanceof FileSystemException e) {
      return new Failure(KrCli.EXIT_FAILED, "I/O error: " + describe(e));
    }
    if (c instanceof IOException) {
      return new Failure(
          KrCli.EXIT_FAILED, "I/O error: " + oneLine(String.valueOf(c.getMessage())));
    }
    return null;
  }

  /**
   * @return the file, the other file if any, and the reason of a file-system error, on one line
   */
  static String describe(FileSystemException e) {
    String kind =
        switch (e.getClass().getSimpleName()) {
          case "AccessDeniedException" -> "permission denied";
          case "NoSuchFileException" -> "no such file or directory";
          case "FileAlreadyExistsException" -> "already exists";
          case "NotDirectoryException" -> "not a directory";
          case "DirectoryNotEmptyException" -> "directory not empty";
          default -> reason(e);
        };
    return e.getFile()
        + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "")
        + ": "
        + oneLine(kind);
  }

  /** The reason in lower case words; a full disk as "no space left on device (disk full)". */
  private static String reason(FileSystemException e) {
    String r = e.getReason();
    if (r == null) {
      return e.getClass().getSimpleName();
    }
    if (r.contains("No space left on device")) {
      return "no space left on device (disk full)";
    }
    if (r.contains("Read-only file system")) {
      return "read-only file system";
    }
    return r;
  }

  private static Failure usage(String message) {
    return new Failure(KrCli.EXIT_USAGE, oneLine(String.valueOf(message)));
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", "; ").strip();
  }
}
