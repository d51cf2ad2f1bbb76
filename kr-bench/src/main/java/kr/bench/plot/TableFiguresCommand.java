package kr.bench.plot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kr plot table DIR}: redraws the figures of a table run ({@link TableFigures}). */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description =
        "Redraw a table run's figures next to its report.md: accuracy vs FLOPs and the "
            + "training curves of every row.")
public final class TableFiguresCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "A table run's directory (kr table --out).")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("DIR " + dir + " is not a directory");
    }
    List<Path> written = TableFigures.write(dir);
    spec.commandLine()
        .getOut()
        .println(
            written.isEmpty()
                ? "nothing to draw yet in " + dir
                : "wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
    return 0;
  }
}
