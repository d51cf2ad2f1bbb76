package kr.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.bench.run.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kr runs [DIR...]}: the run directories under each DIR (default {@code runs/} and {@code
 * results/tables/}), one table row each: backbone, method, trainable parameters, epochs done of
 * planned, best test top-1 and checkpoint sizes.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description =
        "List run directories: backbone, method, params, epochs, best top-1, checkpoint sizes.")
public final class RunsCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..*",
      paramLabel = "DIR",
      description = "Where to look (default: runs and results/tables).")
  List<Path> roots = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Path> where =
        roots.isEmpty() ? List.of(Path.of("runs"), Path.of("results/tables")) : roots;
    PrintWriter out = spec.commandLine().getOut();
    out.println("| run | backbone | method | params | epochs | best top-1 | checkpoints |");
    out.println("|---|---|---|---:|---:|---:|---:|");
    int n = 0;
    for (Path root : where) {
      for (RunSummary r : RunSummary.under(root)) {
        out.println(row(r));
        n++;
      }
    }
    out.println(n + " run" + (n == 1 ? "" : "s") + " under " + where);
    out.flush();
    return 0;
  }

  static String row(RunSummary r) {
    return "| "
        + r.dir()
        + " | "
        + r.backbone()
        + " | "
        + r.method()
        + " | "
        + (r.params().isPresent() ? String.format(Locale.ROOT, "%,d", r.params().getAsLong()) : "–")
        + " | "
        + r.epochsDone()
        + "/"
        + r.epochs()
        + " | "
        + (r.bestTop1().isPresent()
            ? String.format(Locale.ROOT, "%.4f", r.bestTop1().getAsDouble())
            : "–")
        + " | "
        + r.checkpoints()
        + " files, "
        + String.format(Locale.ROOT, "%.1f MB", r.checkpointBytes() / 1e6)
        + " |";
  }
}
