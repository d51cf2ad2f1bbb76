package kr.bench.plot;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kr plot}: figures of runs and of the paper's tables. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description =
        "Write PNG figures: training curves of runs, accuracy vs FLOPs, a table run's figures, "
            + "t-SNE of features (Fig. 1b/1c) and of kernel coefficients (Fig. 4).",
    subcommands = {
      CurvesCommand.class,
      AccuracyCommand.class,
      TableFiguresCommand.class,
      TsneCommand.class,
      KernelsCommand.class
    })
public final class PlotCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
