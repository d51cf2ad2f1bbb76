package kr.bench.table;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import kr.bench.cli.AsTyped;
import kr.bench.cli.DataDirOption;
import kr.bench.run.StepTimes;
import kr.bench.speed.ThreadsOption;
import kr.data.Dataset;
import kr.data.Split;
import kr.train.TrainConfig;
import kr.train.TrainListener;
import kr.train.Trainer;
import kr.train.checkpoint.AtomicFiles;
import kr.train.data.DatasetBatchSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kr table}: lists the paper's tables ({@code --list}) or reproduces one, resumably, into
 * {@code --out} (default {@code results/tables/t<N>-<protocol>/}).
 */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description =
        "Reproduce one of the paper's Tables 1-7: train every row (x seeds) and "
            + "re-typeset the table with our figures beside the paper's.")
public final class TableCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "Table number 1..7.")
  Integer table;

  @Option(names = "--list", description = "List the tables and their rows (with N: that table).")
  boolean list;

  @Option(
      names = "--rows",
      paramLabel = "GLOB",
      defaultValue = "*",
      description = "Row ids or globs, comma-separated (default: all rows).")
  String rows;

  @Option(
      names = "--protocol",
      paramLabel = "NAME",
      defaultValue = "smoke",
      description = "Training protocol: smoke, cpu or paper.")
  String protocol;

  @Option(
      names = "--seeds",
      paramLabel = "S",
      description = "Seeds per row (default: 3 for cpu, 1 for smoke and paper).")
  Integer seeds;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default: results/tables/t<N>-<protocol>).")
  Path out;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Train on this dataset instead of the protocol's (default: the protocol's).")
  String dataset;

  @Option(
      names = "--plan",
      description =
          "Print the plan (with a measured training step) " + "and exit without training.")
  boolean planOnly;

  @Mixin DataDirOption dataDir = new DataDirOption();

  @Mixin ThreadsOption threads = new ThreadsOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    if (list) {
      List<TableSpec> tables = table == null ? TableSpecs.all() : List.of(TableSpecs.load(table));
      o.print(listing(tables, rows));
      o.flush();
      return 0;
    }
    if (table == null) {
      throw new IllegalArgumentException("table: give a table number 1..7 or --list");
    }
    TableSpec t = TableSpecs.load(table);
    Protocol p = protocol(protocol);
    int n = seeds != null ? seeds : p == Protocol.CPU ? 3 : 1;
    if (n < 1) {
      throw new IllegalArgumentException("--seeds must be at least 1, got " + n);
    }
    Path dir = out != null ? out : Path.of("results", "tables", "t" + table + "-" + p.cliName());
    Optional<Path> data = dataDir.value();
    if (data.isPresent() && !Files.isDirectory(data.get())) {
      throw new IllegalArgumentException("--data-dir " + data.get() + " is not a directory");
    }
    TableRunner.Plan plan =
        new TableRunner.Plan(
                t,
                p,
                t.select(rows),
                Recipes.data(t, p, Optional.ofNullable(dataset)),
                n,
                dir,
                dataDir.value(),
                AsTyped.line(spec))
            .withThreads(threads.threads());
    PrintWriter err = spec.commandLine().getErr();
    TableRunner runner = new TableRunner(plan, err);
    o.println(
        planText(
            plan, p == Protocol.SMOKE && !planOnly ? Optional.empty() : measure(plan, runner)));
    o.flush();
    if (planOnly) {
      return 0;
    }
    boolean complete = runner.run();
    o.println((complete ? "done: " : "interrupted: ") + dir.resolve("report.md"));
    o.flush();
    return complete ? 0 : 1;
  }

  static Protocol protocol(String text) {
    for (Protocol p : Protocol.values()) {
      if (p.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "--protocol must be smoke, cpu or paper, got '" + text + "'");
  }

  /** The tables with their rows: id, label, backbone, variant, recipe, paper cells. */
  static String listing(List<TableSpec> tables, String globs) {
    StringBuilder sb = new StringBuilder();
    for (TableSpec t : tables) {
      List<RowSpec> selected = t.select(globs.equals("*") ? "*" : globs);
      sb.append(
          String.format(
              Locale.ROOT,
              "Table %d: %s (%d rows; %s)%n",
              t.number(),
              t.caption(),
              t.rows().size(),
              String.join(", ", t.datasets().stream().map(DatasetRef::name).toList())));
      for (RowSpec r : selected) {
        String variant = RowModels.args(r, t.input(), t.datasets().get(0).classes()).label();
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-22s %-50s %-16s %-14s %-16s %s%s%n",
                r.id(),
                r.label(),
                r.backbone(),
                variant,
                r.recipe(),
                String.join(
                    " ",
                    r.paper().top1().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList()),
                r.copied() ? " (copied)" : ""));
      }
    }
    return sb.toString();
  }

  /** Steps timed by {@link #measure}; the first (graph set-up) is left out. */
  static final int MEASURED_STEPS = 4;

  /**
   * Images per second of the training step of the plan's first row, on generated data at the run's
   * input with the run's batch (at most 64): the median of {@value #MEASURED_STEPS} step times
   * after a first, untimed step. Empty when it cannot be measured.
   */
  /**
   * A measured training step.
   *
   * @param imagesPerSecond images per wall-clock second
   * @param imagesPerCpuSecond images per CPU second of the process (all threads): on a machine
   *     shared with other work, the wall-clock rate understates what a dedicated one does
   */
  record StepTime(double imagesPerSecond, double imagesPerCpuSecond) {}

  /** Median of consecutive differences, nanoseconds to seconds. */
  static Optional<StepTime> measure(TableRunner.Plan plan, TableRunner runner) {
    RowSpec row = plan.rows().get(0);
    RunData d = plan.data().get(0);
    RunData synthetic = new RunData(Recipes.SYNTHETIC, d.paperDataset(), d.input(), d.classes());
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("kr-table-measure");
      TrainConfig base = plan.trainConfig(row, 0, tmp, false);
      int batch = Math.min(64, base.loop().batchSize());
      TrainConfig c =
          new TrainConfig(
              base.optimizer().toBuilder().warmupEpochs(0).build(),
              base.loop().toBuilder()
                  .epochs(1)
                  .batchSize(batch)
                  .evalBatchSize(batch)
                  .maxStepsPerEpoch(MEASURED_STEPS + 1)
                  .maxEvalBatches(1)
                  .build(),
              base.run().withProgress(false));
      Dataset data = runner.dataset(synthetic, (MEASURED_STEPS + 1) * batch, batch);
      var train = new DatasetBatchSource(data, Split.TRAIN, d.input(), 1);
      List<Long> stamps = new ArrayList<>();
      List<Long> cpu = new ArrayList<>();
      var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      new Trainer(c)
          .withLog(line -> {})
          .addListener(
              new TrainListener() {
                @Override
                public void onStep(long globalStep, int epoch, double loss) {
                  stamps.add(System.nanoTime());
                  cpu.add(os.getProcessCpuTime());
                }
              })
          .fit(
              RowModels.trained(row, plan.protocol(), train.input(), d.classes()),
              train,
              new DatasetBatchSource(data, Split.TEST, d.input(), 1));
      if (stamps.size() < 2) {
        return Optional.empty();
      }
      return Optional.of(
          new StepTime(
              batch / StepTimes.medianSeconds(stamps), batch / StepTimes.medianSeconds(cpu)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } finally {
      deleteTree(tmp);
    }
  }

  /** The plan: rows × seeds × data, epochs, images and the estimated time. */
  static String planText(TableRunner.Plan plan, Optional<StepTime> step) {
    RowSpec first = plan.rows().get(0);
    TrainConfig c = plan.trainConfig(first, 0, plan.out(), true);
    long perEpoch =
        c.loop().maxStepsPerEpoch() > 0
            ? (long) c.loop().maxStepsPerEpoch() * c.loop().batchSize()
            : Recipes.paperTrainImages(plan.data().get(0).dataset());
    long images = perEpoch * c.loop().epochs() * plan.runs();
    int cores = Runtime.getRuntime().availableProcessors();
    String eta =
        step.filter(v -> v.imagesPerSecond() > 0 && v.imagesPerCpuSecond() > 0)
            .map(
                v ->
                    String.format(
                        Locale.ROOT,
                        ", estimated %s of training steps at the measured "
                            + "%.1f img/s; %s to %s on %d dedicated cores from its %.1f img/CPU-s (the step "
                            + "of %s; evaluation and graph set-up come on top)",
                        TableRunner.duration(images / v.imagesPerSecond()),
                        v.imagesPerSecond(),
                        TableRunner.duration(images / v.imagesPerCpuSecond() / cores),
                        TableRunner.duration(images / v.imagesPerCpuSecond()),
                        cores,
                        v.imagesPerCpuSecond(),
                        first.id()))
            .orElse("");
    return String.format(
        Locale.ROOT,
        "table %d, protocol %s: %d rows x %d seeds x %d data = "
            + "%d runs; %d epochs of %d images, %d training images in all%s%n%s",
        plan.table().number(),
        plan.protocolName(),
        plan.rows().size(),
        plan.seeds(),
        plan.data().size(),
        plan.runs(),
        c.loop().epochs(),
        perEpoch,
        images,
        eta,
        plan.describe());
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
