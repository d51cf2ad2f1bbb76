package kr.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import kr.bench.table.MiniTable;
import kr.bench.table.RowSpec;
import kr.bench.table.RunResult;
import kr.bench.table.TableRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kr quickstart}: a small table run on Fashion-MNIST by the same runner as {@code kr table}:
 * the rows of {@code tables/quickstart.json} (Table 6's static kernels, dynamic kernels without KR
 * and KR 4x, on {@code cnn-small}) with that file's budget; prints the small table and the command
 * of the full report. The run directory holds the report, its figures and every run.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Train static kernels, dynamic kernels without KR and KR 4x on a small CNN on "
            + "Fashion-MNIST (about 5 minutes on 2 cores) and print the small table.")
public final class QuickstartCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Fashion-MNIST directory (default: the dataset's own).")
  Path dataDir;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory of the report and the runs (default: runs/quickstart-<time>).")
  Path out;

  @Option(
      names = "--spec",
      paramLabel = "NAME",
      defaultValue = "quickstart",
      description = "The mini table to run: tables/<name>.json on the class path.")
  String specName;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    MiniTable mini = MiniTable.load(specName);
    if (dataDir != null && !Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("--data-dir " + dataDir + " is not a directory");
    }
    Preflight.data(mini.dataset(), dataDir);
    Path dir =
        out != null
            ? out
            : Path.of(
                "runs",
                "quickstart-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Preflight.writableDirectory("--out", dir);
    TableRunner.Plan plan = mini.plan(dir, Optional.ofNullable(dataDir), AsTyped.line(spec));
    PrintWriter w = spec.commandLine().getOut();
    w.println(mini.table().caption());
    w.println(plan.describe());
    w.flush();
    TableRunner runner = new TableRunner(plan, spec.commandLine().getErr());
    boolean complete = runner.run();
    w.println();
    w.print(table(mini, runner.finished()));
    w.println();
    w.println("report, figures and runs: " + dir);
    w.println("the full table on Fashion-MNIST (3 seeds per row): " + mini.fullReport());
    w.flush();
    return complete ? 0 : 1;
  }

  /** Params, test top-1 and time of each finished row, with the paper's cell beside it. */
  static String table(MiniTable mini, List<RunResult> runs) {
    String paperColumn = mini.table().datasets().get(0).name();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "| row | params | test top-1 | paper top-1 (%s, %s) | time |%n"
                    + "|---|---:|---:|---:|---:|%n",
                String.join("/", mini.source().values().stream().distinct().sorted().toList()),
                paperColumn));
    for (RowSpec row : mini.table().rows()) {
      for (RunResult r : runs) {
        if (r.row().equals(row.id())) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %,d | %s | %s | %.0f s |%n",
                  row.id(),
                  r.params(),
                  r.diverged() ? "diverged" : String.format(Locale.ROOT, "%.2f%%", r.top1()),
                  row.paper().top1(paperColumn).isPresent()
                      ? String.format(
                          Locale.ROOT, "%.1f%%", row.paper().top1(paperColumn).getAsDouble())
                      : "–",
                  r.wallSeconds()));
        }
      }
    }
    return sb.toString();
  }
}
