package kr.bench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line as the user typed it, for a run's {@code config.json} and a report's header. */
public final class AsTyped {
  private AsTyped() {}

  /** {@code kr} followed by the arguments the command line was parsed from. */
  static List<String> of(CommandSpec spec) {
    List<String> line = new ArrayList<>();
    line.add(spec.root().name());
    line.addAll(spec.commandLine().getParseResult().originalArgs());
    return line;
  }

  /** {@code kr} and the arguments the command line was parsed from, as one line. */
  public static String line(CommandSpec spec) {
    return String.join(" ", of(spec));
  }
}
