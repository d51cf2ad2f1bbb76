package kr.bench.plot;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kr plot curves RUN... [--out FILE]}: loss and top-1 per epoch of training runs. */
@Command(
    name = "curves",
    mixinStandardHelpOptions = true,
    description = "Plot loss and top-1 per epoch from each run directory's metrics.jsonl.")
public final class CurvesCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories (of kr train).")
  List<Path> runs;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "curves.png",
      description = "PNG to write.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<TrainingCurvesFigure.Run> read = new ArrayList<>();
    for (Path run : runs) {
      read.add(TrainingCurvesFigure.Run.read(run));
    }
    try {
      TrainingCurvesFigure.write(out, read);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException("--out " + out + ": " + e.getCause().getMessage());
    }
    spec.commandLine().getOut().println("wrote " + out + " (" + read.size() + " run(s))");
    return 0;
  }
}
