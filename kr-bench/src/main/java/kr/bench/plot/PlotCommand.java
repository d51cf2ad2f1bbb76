package kr.bench.plot;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kr plot}: figures of runs and of the paper's tables. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = "Write PNG figures: training curves of runs, accuracy vs FLOPs.",
    subcommands = {CurvesCommand.class, AccuracyCommand.class})
public final class PlotCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
