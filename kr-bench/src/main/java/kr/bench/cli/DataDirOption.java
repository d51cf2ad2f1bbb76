package kr.bench.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data-dir DIR}: where a dataset is read from, else its own default directory. */
public final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Dataset directory (default: the dataset's own).")
  Path dir;

  /** The directory given, if any. */
  public Optional<Path> value() {
    return Optional.ofNullable(dir);
  }
}
