package kr.bench.speed;

import java.util.List;
import kr.bench.cli.UsageChecks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads INTRA,INTER}: the TensorFlow threads of a benchmark's steps. */
public final class ThreadsOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--threads",
      paramLabel = "INTRA,INTER",
      split = ",",
      description = "intra,inter TensorFlow threads (default: TensorFlow's, as kr train).")
  List<Integer> values;

  /** The threads given, else TensorFlow's defaults; malformed values are a usage error. */
  public StepRunner.Threads threads() {
    if (values == null) {
      return StepRunner.Threads.DEFAULT;
    }
    try {
      return StepRunner.Threads.ofFlag(values);
    } catch (IllegalArgumentException e) {
      throw UsageChecks.usage(mixee, e.getMessage());
    }
  }
}
