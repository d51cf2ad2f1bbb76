package kr.bench.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that end a command as a usage error (exit code 2, one line naming the
 * flag and the value).
 */
public final class UsageChecks {
  private UsageChecks() {}

  /** A usage error of the command {@code spec} describes. */
  public static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Refuses {@code value} of {@code flag} unless it is > 0. */
  public static void positive(CommandSpec spec, String flag, int value) {
    if (value <= 0) {
      throw usage(spec, flag + " must be > 0, got " + value);
    }
  }

  /** Refuses {@code value} of {@code flag} unless it is >= 0. */
  public static void nonNegative(CommandSpec spec, String flag, int value) {
    if (value < 0) {
      throw usage(spec, flag + " must be >= 0, got " + value);
    }
  }
}
