package kr.bench.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.bench.plot.TableFigures;
import kr.bench.report.ModelCost;
import kr.bench.report.RunInfo;
import kr.bench.run.ModelSpec;
import kr.bench.speed.StepRunner;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.spi.Datasets;
import kr.data.synthetic.SyntheticDataset;
import kr.train.DivergenceException;
import kr.train.EpochMetrics;
import kr.train.RunConfigFile;
import kr.train.TrainConfig;
import kr.train.TrainListener;
import kr.train.TrainResult;
import kr.train.Trainer;
import kr.train.checkpoint.AtomicFiles;
import kr.train.data.DatasetBatchSource;

/**
 * Trains every selected (row, data column, seed) of a table with the same {@link Trainer} as {@code
 * kr train}, each in its own run directory {@code <out>/runs/<dataset>/<row>/seed-<s>}, and
 * rewrites the report after each run.
 *
 * <p><b>Resumable.</b> A finished run leaves {@code done.json} (written atomically) and is not
 * recomputed; an unfinished one resumes from its newest checkpoint. {@code report.md}, {@code
 * rows.csv}, {@code rows.json} and {@code manifest.json} are rewritten atomically after every run,
 * so an interrupted (even killed) table leaves a consistent report of what has finished; the
 * temporary files of a killed rewrite are deleted when the table runs again.
 */
public final class TableRunner {
  /** The settings of one table run. */
  public record Plan(
      TableSpec table,
      Protocol protocol,
      List<RowSpec> rows,
      List<RunData> data,
      int seeds,
      Path out,
      Optional<Path> dataDir,
      String command,
      Optional<MiniTable> mini,
      StepRunner.Threads threads) {
    public Plan {
      Checks.notNull("table", table);
      Checks.notNull("protocol", protocol);
      rows = List.copyOf(Checks.notNull("rows", rows));
      data = List.copyOf(Checks.notNull("data", data));
      Checks.positive("seeds", seeds);
      Checks.notNull("out", out);
      Checks.notNull("dataDir", dataDir);
      Checks.notNull("command", command);
      Checks.notNull("mini", mini);
      Checks.notNull("threads", threads);
    }

    /** A plan of one of the paper's tables under {@code protocol}. */
    public Plan(
        TableSpec table,
        Protocol protocol,
        List<RowSpec> rows,
        List<RunData> data,
        int seeds,
        Path out,
        Optional<Path> dataDir,
        String command) {
      this(
          table,
          protocol,
          rows,
          data,
          seeds,
          out,
          dataDir,
          command,
          Optional.empty(),
          StepRunner.Threads.DEFAULT);
    }

    /** The same plan with every run on {@code t} TensorFlow threads (speed only, not results). */
    public Plan withThreads(StepRunner.Threads t) {
      return new Plan(table, protocol, rows, data, seeds, out, dataDir, command, mini, t);
    }

    /** The protocol's name ({@code smoke}, {@code cpu}, {@code paper}) or the mini table's. */
    public String protocolName() {
      return mini.map(MiniTable::name).orElse(protocol.cliName());
    }

    /** One line: which protocol ran and how it maps onto the paper's. */
    public String describe() {
      return mini.map(MiniTable::describe).orElseGet(() -> Recipes.describe(table, protocol));
    }

    /**
     * The training configuration of a run: the protocol's ({@link Recipes#trainConfig}) or the mini
     * table's budget. Smoke runs skip TensorFlow's graph optimizer: for their two steps it costs
     * more than the steps (a ViT-Nano KR 4x smoke epoch takes 70 s with it, 6 s without).
     */
    public TrainConfig trainConfig(RowSpec row, long seed, Path dir, boolean resume) {
      TrainConfig c =
          mini.isPresent()
              ? mini.get().budget().trainConfig(row, seed, dir, resume)
              : Recipes.trainConfig(row, protocol, seed, dir, resume);
      if (protocol == Protocol.SMOKE && mini.isEmpty()) {
        c = c.withRun(c.run().withSkipGraphOptimizer(true));
      }
      return threads.equals(StepRunner.Threads.DEFAULT)
          ? c
          : c.withRun(c.run().withThreads(threads.intraOp(), threads.interOp()));
    }

    /** Runs in the plan. */
    public int runs() {
      return rows.size() * data.size() * seeds;
    }

    /** The run directory of a (row, data, seed). */
    public Path runDir(RowSpec row, RunData d, int seed) {
      return out.resolve("runs").resolve(d.dataset()).resolve(row.id()).resolve("seed-" + seed);
    }
  }

  static final String DONE = "done.json";

  private final Plan plan;
  private final PrintWriter progress;
  private final Map<String, Double> wall = new LinkedHashMap<>();
  private final List<TrainListener> listeners = new ArrayList<>();
  private volatile Trainer current;
  private volatile boolean stopRequested;
  private List<RunResult> finished = List.of();

  public TableRunner(Plan plan, PrintWriter progress) {
    this.plan = Checks.notNull("plan", plan);
    this.progress = Checks.notNull("progress", progress);
  }

  /** Adds a listener to the trainer of every run (after the runner's own progress listener). */
  public TableRunner addListener(TrainListener listener) {
    listeners.add(Checks.notNull("listener", listener));
    return this;
  }

  /**
   * Asks the run in progress to stop as Ctrl-C does (it saves a checkpoint that a rerun resumes
   * from) and starts no further run; {@link #run} then returns false. Safe from any thread.
   */
  public void requestStop() {
    stopRequested = true;
    Trainer t = current;
    if (t != null) {
      t.requestStop();
    }
  }

  /** Trains what is not done yet and writes the report; returns false when interrupted. */
  public boolean run() {
    long start = System.nanoTime();
    io(() -> AtomicFiles.removeTemporaries(plan.out()));
    Map<String, ModelCost> costs = paperCosts();
    List<RunResult> done = new ArrayList<>();
    int total = plan.runs();
    int epochsPerRun = epochsPerRun();
    long[] epochsHere = {0};
    boolean[] interrupted = {false};
    int k = 0;
    for (RunData d : plan.data()) {
      Dataset dataset = null;
      for (int ri = 0; ri < plan.rows().size(); ri++) {
        RowSpec row = plan.rows().get(ri);
        for (int s = 0; s < plan.seeds(); s++) {
          k++;
          Path dir = plan.runDir(row, d, s);
          Optional<RunResult> prior = readDone(dir);
          if (prior.isPresent()) {
            done.add(prior.get());
            wall.put(dir.toString(), prior.get().wallSeconds());
            continue;
          }
          if (interrupted[0] || stopRequested) {
            interrupted[0] = true;
            continue;
          }
          if (dataset == null) {
            dataset = dataset(d);
          }
          String where =
              String.format(
                  Locale.ROOT,
                  "table %d [%s] run %d/%d: row %d/%d %s, " + "seed %d/%d%s",
                  plan.table().number(),
                  plan.protocolName(),
                  k,
                  total,
                  ri + 1,
                  plan.rows().size(),
                  row.id(),
                  s + 1,
                  plan.seeds(),
                  plan.data().size() > 1 ? ", " + d.dataset() : "");
          int remainingRuns = total - k + 1;
          int runNo = k;
          TrainListener eta =
              new TrainListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                  epochsHere[0]++;
                  double perEpoch = (System.nanoTime() - start) / 1e9 / epochsHere[0];
                  long left = (long) remainingRuns * epochsPerRun - m.epoch();
                  progress.println(
                      where
                          + ", epoch "
                          + m.epoch()
                          + "/"
                          + epochsPerRun
                          + String.format(
                              Locale.ROOT,
                              ", test top-1 %.2f%%, ETA %s",
                              100 * m.testTop1(),
                              duration(perEpoch * Math.max(0, left - countDoneAhead(runNo)))));
                  progress.flush();
                }
              };
          Optional<RunResult> r = train(row, d, dataset, s, dir, eta);
          if (r.isEmpty()) {
            interrupted[0] = true;
            progress.println(where + ": interrupted; rerun the same command to resume");
            continue;
          }
          done.add(r.get());
          wall.put(dir.toString(), r.get().wallSeconds());
          write(costs, done);
        }
      }
    }
    write(costs, done);
    finished = List.copyOf(done);
    return !interrupted[0];
  }

  /** The finished runs after {@link #run}, in plan order (those done before it included). */
  public List<RunResult> finished() {
    return finished;
  }

  /** Runs after run number {@code k} that are already done (their epochs cost nothing). */
  private int countDoneAhead(int k) {
    int idx = 0;
    int ahead = 0;
    for (RunData d : plan.data()) {
      for (RowSpec row : plan.rows()) {
        for (int s = 0; s < plan.seeds(); s++) {
          idx++;
          if (idx > k && Files.exists(plan.runDir(row, d, s).resolve(DONE))) {
            ahead++;
          }
        }
      }
    }
    return ahead * epochsPerRun();
  }

  private int epochsPerRun() {
    RowSpec first = plan.rows().get(0);
    return plan.trainConfig(first, 0, plan.out(), true).loop().epochs();
  }

  /** One run; empty when it was interrupted (its checkpoint lets a rerun resume). */
  private Optional<RunResult> train(
      RowSpec row, RunData d, Dataset dataset, int seed, Path dir, TrainListener listener) {
    TrainConfig config = plan.trainConfig(row, seed, dir, true);
    DatasetBatchSource train = new DatasetBatchSource(dataset, Split.TRAIN, d.input(), 2);
    DatasetBatchSource test = new DatasetBatchSource(dataset, Split.TEST, d.input(), 2);
    BackboneArgs args = Recipes.modelArgs(row, plan.protocol(), train.input(), d.classes());
    ImageClassifier model = Backbones.create(row.backboneFor(plan.protocol()), args);
    ModelCost cost =
        ModelCost.of(RowModels.trained(row, plan.protocol(), d.input(), d.classes()), d.input());
    ModelSpec spec =
        ModelSpec.of(
            row.backboneFor(plan.protocol()),
            RowModels.method(row),
            d.dataset(),
            plan.dataDir(),
            train.input(),
            dataset.info().channels() < d.input().channels(),
            d.classes(),
            args.dropout().orElse(0),
            args.dropPath());
    Trainer trainer =
        new Trainer(config)
            .withCommandLine(List.of(plan.command().split(" ")))
            .withModelSection(RunConfigFile.modelSection(spec))
            .addListener(listener)
            .withLog(line -> {});
    listeners.forEach(trainer::addListener);
    RunResult result;
    current = trainer;
    if (stopRequested) {
      trainer.requestStop();
    }
    try {
      TrainResult r = trainer.fit(model, train, test);
      if (r.interrupted()) {
        return Optional.empty();
      }
      EpochMetrics last = r.last().orElseThrow();
      double best = r.best().map(EpochMetrics::testTop1).orElse(last.testTop1());
      double seconds = r.history().stream().mapToDouble(EpochMetrics::seconds).sum();
      result =
          new RunResult(
              row.id(),
              d.dataset(),
              seed,
              false,
              last.epoch(),
              r.globalStep(),
              100 * last.testTop1(),
              100 * best,
              last.trainLoss(),
              cost.params(),
              cost.macs(),
              seconds);
    } catch (DivergenceException e) {
      progress.println("row " + row.id() + " seed " + seed + ": " + e.getMessage());
      result =
          new RunResult(
              row.id(),
              d.dataset(),
              seed,
              true,
              0,
              0,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              cost.params(),
              cost.macs(),
              0);
    } finally {
      current = null;
    }
    String marker = result.toJson();
    io(() -> RunInfo.writeAtomically(dir.resolve(DONE), marker));
    return Optional.of(result);
  }

  static Optional<RunResult> readDone(Path dir) {
    Path f = dir.resolve(DONE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RunResult.fromJson(f.toString(), Files.readString(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Our cost of each row at the paper's input, from the same ledger as {@code kr flops}. Counted
   * once per row and kept in {@code <out>/costs.json} (keyed by row, variant and input), since
   * building a model at the paper's input takes longer than a smoke run.
   */
  private Map<String, ModelCost> paperCosts() {
    Path file = plan.out().resolve("costs.json");
    Map<String, Map<String, Object>> cache = new TreeMap<>();
    if (Files.exists(file)) {
      try {
        var node = new ObjectMapper().readTree(Files.readString(file));
        node.properties()
            .forEach(
                e ->
                    cache.put(
                        e.getKey(),
                        Map.of(
                            "macs", e.getValue().get("macs").asLong(),
                            "params", e.getValue().get("params").asLong())));
      } catch (IOException | RuntimeException e) {
        cache.clear(); // unreadable: count again
      }
    }
    Map<String, ModelCost> costs = new LinkedHashMap<>();
    DatasetRef first = plan.table().datasets().get(0);
    InputSpec in = plan.table().input();
    boolean changed = false;
    for (RowSpec r : plan.rows()) {
      String key =
          r.id()
              + " "
              + RowModels.args(r, in, first.classes()).label()
              + " "
              + r.backbone()
              + " "
              + in.height()
              + "x"
              + in.width()
              + "x"
              + in.channels()
              + " "
              + first.classes();
      Map<String, Object> c = cache.get(key);
      if (c == null) {
        ModelCost cost = ModelCost.of(RowModels.create(r, in, first.classes()), in);
        c = Map.of("macs", cost.macs(), "params", cost.params());
        cache.put(key, c);
        changed = true;
      }
      costs.put(
          r.id(),
          new ModelCost(
              ((Number) c.get("macs")).longValue(), ((Number) c.get("params")).longValue()));
    }
    if (changed) {
      String json = TableReport.write(cache);
      io(() -> RunInfo.writeAtomically(file, json));
    }
    return costs;
  }

  /** The dataset of a data column: generated for {@link Recipes#SYNTHETIC}, else the registry. */
  Dataset dataset(RunData d) {
    return dataset(d, SYNTHETIC_TRAIN, SYNTHETIC_TEST);
  }

  /** Generated split sizes of {@link Recipes#SYNTHETIC}. */
  static final int SYNTHETIC_TRAIN = 64;

  static final int SYNTHETIC_TEST = 32;

  Dataset dataset(RunData d, int trainSize, int testSize) {
    if (d.dataset().equals(Recipes.SYNTHETIC)) {
      return new SyntheticDataset(
          new DatasetInfo(
              Recipes.SYNTHETIC,
              d.classes(),
              d.input().height(),
              d.input().width(),
              d.input().channels(),
              filled(d.input().channels(), 0.5f),
              filled(d.input().channels(), 0.25f),
              trainSize,
              testSize),
          7);
    }
    Datasets registry = Datasets.discover();
    // The paper protocol's DeiT recipes resample bicubically, ImageNet's crops included.
    DatasetOptions options =
        DatasetOptions.DEFAULTS.withInterpolation(
            Recipes.trainConfig(plan.rows().get(0), plan.protocol(), 0, plan.out(), true)
                .loop()
                .augment()
                .interpolation());
    return plan.dataDir().isPresent()
        ? registry.create(d.dataset(), plan.dataDir().get(), options)
        : registry.create(d.dataset(), options);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  private void write(Map<String, ModelCost> costs, List<RunResult> done) {
    String line = plan.describe();
    List<RowResult> results =
        TableReport.aggregate(plan.table(), plan.rows(), plan.data(), costs, done);
    Path out = plan.out();
    io(
        () -> {
          RunInfo.writeAtomically(
              out.resolve("report.md"), TableReport.markdown(plan.table(), line, results));
          RunInfo.writeAtomically(out.resolve("rows.csv"), TableReport.csv(plan.table(), results));
          RunInfo.writeAtomically(
              out.resolve("rows.json"), TableReport.json(plan.table(), line, results, done));
          RunInfo.writeAtomically(out.resolve("manifest.json"), Manifest.json(plan, wall));
        });
    try {
      TableFigures.write(out);
    } catch (RuntimeException e) {
      // The report stands without its figures (e.g. a JVM without a usable AWT).
      progress.println("figures not written: " + e.getMessage());
      progress.flush();
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  interface Io {
    void run() throws IOException;
  }

  static void io(Io action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
