package kr.bench.cli;

import kr.bench.run.Which;
import picocli.CommandLine.Option;

/**
 * {@code --which}: the checkpoint of a run that {@code eval}, {@code export}, {@code predict} and
 * the t-SNE plots use.
 */
public final class WhichOption {
  /** What {@code --run DIR} is, for the commands' help. */
  static final String RUN_HELP =
      "A run directory written by kr train (its config.json names the model).";

  @Option(
      names = "--which",
      paramLabel = "WHICH",
      defaultValue = "BEST",
      description =
          "With --run: the best epoch's checkpoint or the newest: ${COMPLETION-CANDIDATES}.")
  Which value;

  /** The checkpoint asked for. */
  public Which value() {
    return value;
  }
}
