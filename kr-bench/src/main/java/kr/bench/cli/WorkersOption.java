package kr.bench.cli;

import kr.core.graph.Checks;
import picocli.CommandLine.Option;

/** {@code --workers N}: the threads that load and augment the data. */
public final class WorkersOption {
  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "2",
      description = "Data loading threads.")
  int count;

  /** The threads given, after checking there is at least one (the message names the flag). */
  public int value() {
    FlagNames.rename(() -> Checks.positive("workers", count));
    return count;
  }
}
