package kr.bench.speed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import kr.bench.speed.MemoryProbe.Memory;
import kr.core.graph.Checks;
import kr.train.ErrorMessages;

/**
 * Times every {@link SpeedCase} interleaved: all cases are built first, each in its own graph and
 * session kept open; after warm-up, each round runs one training step of every case in turn, then
 * one inference batch of every case, then one MatMul of the ceiling, starting each round at the
 * next case, so that a burst of load from other processes hits all cases alike. The median of the
 * rounds is kept. Peak memory comes from a {@link MemoryProbe} per case, in a JVM of its own,
 * before the timing.
 */
public final class SpeedBenchmark {

  /**
   * How a run is done.
   *
   * @param warmup untimed steps (and inference batches) per case before the rounds
   * @param repeats timed rounds
   * @param threads the sessions' thread pools
   * @param memory measure peak memory in a child JVM per case
   * @param ceilingSize n of the n×n×n MatMul ceiling
   */
  public record Settings(
      int warmup, int repeats, StepRunner.Threads threads, boolean memory, int ceilingSize) {
    public Settings {
      Checks.nonNegative("warmup", warmup);
      Checks.positive("repeats", repeats);
      Checks.notNull("threads", threads);
      Checks.positive("ceilingSize", ceilingSize);
    }
  }

  /**
   * One case's measurements.
   *
   * @param speedCase the case
   * @param macsPerImage forward MACs per image (FLOPs ledger)
   * @param parameters trainable parameters
   * @param trainMs training step times of the rounds (kept sorted)
   * @param inferMs inference batch times of the rounds (kept sorted)
   * @param memory peak memory, when measured
   */
  public record Row(
      SpeedCase speedCase,
      long macsPerImage,
      long parameters,
      List<Double> trainMs,
      List<Double> inferMs,
      Optional<Memory> memory) {

    public Row {
      Checks.notNull("speedCase", speedCase);
      trainMs = sorted(trainMs);
      inferMs = sorted(inferMs);
      Checks.notNull("memory", memory);
    }

    public double trainMedianMs() {
      return median(trainMs);
    }

    public double inferMedianMs() {
      return median(inferMs);
    }

    public double trainImagesPerSecond() {
      return speedCase.batch() * 1000.0 / trainMedianMs();
    }

    public double inferImagesPerSecond() {
      return speedCase.batch() * 1000.0 / inferMedianMs();
    }

    /**
     * Achieved training GFLOP/s: 3× the forward MACs (forward, two backward products), 2 FLOPs
     * each.
     */
    public double trainGflops() {
      return 3.0 * macsPerImage * 2 * trainImagesPerSecond() / 1e9;
    }

    public double inferGflops() {
      return macsPerImage * 2.0 * inferImagesPerSecond() / 1e9;
    }
  }

  /**
   * A run's results.
   *
   * @param rows one per case, in the order given
   * @param ceilingMs MatMul times of the rounds (kept sorted)
   * @param ceilingFlops FLOPs of one ceiling MatMul
   * @param ceilingSize its n
   * @param failed cases that could not be built or run (e.g. out of memory), one line each: the
   *     case and the error's first line; the others are measured without them
   */
  public record Result(
      List<Row> rows,
      List<Double> ceilingMs,
      double ceilingFlops,
      int ceilingSize,
      List<String> failed) {
    public Result {
      rows = List.copyOf(rows);
      failed = List.copyOf(failed);
      ceilingMs = sorted(ceilingMs);
    }

    public double ceilingGflops() {
      return ceilingFlops / median(ceilingMs) / 1e6;
    }

    /** The static row of the same model (backbone, input, batch and XLA), if measured. */
    public Optional<Row> staticOf(Row r) {
      return rows.stream()
          .filter(
              s ->
                  s.speedCase().methodLabel().equals("static")
                      && s.speedCase().xla() == r.speedCase().xla()
                      && s.speedCase().backbone().equals(r.speedCase().backbone())
                      && s.speedCase().input().equals(r.speedCase().input())
                      && s.speedCase().batch() == r.speedCase().batch())
          .findFirst();
    }
  }

  private final Settings settings;

  public SpeedBenchmark(Settings settings) {
    this.settings = Checks.notNull("settings", settings);
  }

  /**
   * Runs the cases, one model at a time (the cases of one backbone, input and batch: its methods),
   * the ceiling interleaved with every model; {@code log} sees one line per phase and case.
   */
  public Result run(List<SpeedCase> cases, Consumer<String> log) throws IOException {
    Checks.check(!cases.isEmpty(), "cases", cases, "must not be empty");
    Map<String, List<SpeedCase>> models = new LinkedHashMap<>();
    for (SpeedCase c : cases) {
      models.computeIfAbsent(c.modelLabel() + " batch " + c.batch(), k -> new ArrayList<>()).add(c);
    }
    List<Row> rows = new ArrayList<>();
    List<Double> ceil = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try (MatMulCeiling ceiling = new MatMulCeiling(settings.ceilingSize(), settings.threads())) {
      for (int i = 0; i < settings.warmup(); i++) {
        ceiling.millis();
      }
      for (List<SpeedCase> model : models.values()) {
        rows.addAll(runModel(model, ceiling, ceil, failed, log));
      }
      if (ceil.isEmpty()) {
        ceil.add(ceiling.millis()); // every case failed: the report still has its ceiling
      }
      return new Result(rows, ceil, ceiling.flops(), ceiling.size(), failed);
    }
  }

  /**
   * The cases of one model: peak memory of each in a JVM of its own, then all built, each in its
   * own session, warmed up and timed in interleaved rounds, then closed (which bounds this
   * process's memory by one model's sessions).
   */
  private List<Row> runModel(
      List<SpeedCase> cases,
      MatMulCeiling ceiling,
      List<Double> ceil,
      List<String> failed,
      Consumer<String> log) {
    List<StepRunner> runners = new ArrayList<>();
    List<Optional<Memory>> memory = new ArrayList<>();
    try {
      for (SpeedCase c : cases) {
        Optional<Memory> mem = Optional.empty();
        StepRunner r = null;
        try {
          if (settings.memory()) {
            log.accept("memory  " + c.label() + " (own JVM) ...");
            mem = Optional.of(MemoryProbe.measure(c, settings.threads()));
          }
          long t0 = System.nanoTime();
          r = StepRunner.open(c, settings.threads());
          log.accept(
              String.format("built   %s in %.1f s", c.label(), (System.nanoTime() - t0) / 1e9));
          for (int i = 0; i < settings.warmup(); i++) {
            r.trainMillis();
            r.inferMillis();
          }
          runners.add(r);
          memory.add(mem);
        } catch (IOException | RuntimeException e) {
          // One case out of memory (or otherwise unbuildable) must not cost the others' figures.
          if (r != null) {
            r.close();
          }
          String line = c.label() + ": " + ErrorMessages.firstLine(e);
          failed.add(line);
          log.accept("failed  " + line);
        }
      }
      if (runners.isEmpty()) {
        return List.of();
      }
      int n = runners.size();
      List<List<Double>> train = new ArrayList<>();
      List<List<Double>> infer = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        train.add(new ArrayList<>());
        infer.add(new ArrayList<>());
      }
      for (int round = 0; round < settings.repeats(); round++) {
        for (int k = 0; k < n; k++) {
          int i = (round + k) % n;
          train.get(i).add(runners.get(i).trainMillis());
        }
        for (int k = 0; k < n; k++) {
          int i = (round + k) % n;
          infer.get(i).add(runners.get(i).inferMillis());
        }
        ceil.add(ceiling.millis());
        log.accept(
            "round   "
                + (round + 1)
                + "/"
                + settings.repeats()
                + " of "
                + cases.get(0).modelLabel());
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StepRunner r = runners.get(i);
        rows.add(
            new Row(
                r.speedCase(),
                r.macsPerImage(),
                r.parameters(),
                train.get(i),
                infer.get(i),
                memory.get(i)));
      }
      return rows;
    } finally {
      for (StepRunner r : runners) {
        r.close();
      }
    }
  }

  /** The median of sorted values (at least one). */
  public static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static List<Double> sorted(List<Double> values) {
    Checks.check(!values.isEmpty(), "timings", values, "must not be empty");
    return values.stream().sorted().toList();
  }
}
