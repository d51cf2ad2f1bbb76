package kr.bench.scaling;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kr.bench.report.ReportFile;
import kr.bench.report.RunInfo;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointManager;
import kr.train.distributed.LocalCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kr bench scaling}: images/s of each model trained as one process, as two local tasks (each
 * its own JVM, gradients all-reduced over loopback gRPC) and as two towers on two virtual CPU
 * devices in one process, same global batch, in one run. Every configuration runs in fresh JVMs
 * with the same number of TensorFlow threads in all (2 × 2 for one process, 1 × 1 per task). On a
 * machine whose cores the replicas share, the ideal is the one-process figure (efficiency 1.0×):
 * what falls short is the overhead of replication (all-reduce, per-tower work, start of
 * collectives), not a speed-up.
 */
@Command(
    name = "scaling",
    mixinStandardHelpOptions = true,
    description =
        "Images/s of 1 process, 2 local tasks and 2 virtual devices per model, with the scaling"
            + " efficiency (replicated images/s / one-process images/s).")
public final class ScalingBenchCommand implements Callable<Integer> {

  @Option(
      names = "--backbones",
      split = ",",
      defaultValue = "vit-nano-cifar,cnn-small",
      description = "Models to measure.")
  List<String> backbones;

  @Option(names = "--kr", defaultValue = "4x", description = "KR configuration of every model.")
  String kr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Global batch.")
  int batchSize;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (>= 1).")
  int warmup;

  @Option(names = "--steps", defaultValue = "8", description = "Timed steps (median reported).")
  int steps;

  @Option(names = "--sync-bn", description = "Synchronised BatchNorm in the replicated runs.")
  boolean syncBn;

  @Option(
      names = "--threads",
      defaultValue = "2,2",
      description =
          "intra,inter TensorFlow threads of the one-process runs (1 process, 2 devices).")
  String threads;

  @Option(
      names = "--task-threads",
      paramLabel = "INTRA,INTER",
      defaultValue = "1,1",
      description = "intra,inter TensorFlow threads of each of the 2 local tasks.")
  String taskThreads;

  @Mixin ReportFile out = new ReportFile();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One measured configuration. */
  record Row(
      String backbone,
      String configuration,
      int replicas,
      String threads,
      double stepMs,
      double imagesPerSecond,
      double efficiency,
      String load) {}

  @Override
  public Integer call() throws Exception {
    for (String t : List.of(threads, taskThreads)) {
      if (!t.matches("\\d+,\\d+")) {
        throw new IllegalArgumentException(
            "--threads and --task-threads must be <intra>,<inter>, got '" + t + "'");
      }
    }
    if (warmup < 1 || steps < 1 || batchSize < 2) {
      throw new IllegalArgumentException(
          "--warmup and --steps must be at least 1 and --batch-size at least 2, got "
              + warmup
              + ", "
              + steps
              + ", "
              + batchSize);
    }
    PrintWriter o = spec.commandLine().getOut();
    String loadBefore = RunInfo.loadAverage();
    List<Row> rows = new ArrayList<>();
    Map<String, Long> params = new LinkedHashMap<>();
    Path work = Files.createTempDirectory("kr-bench-scaling");
    try {
      measure(work, rows, params, o);
    } finally {
      deleteTree(work);
    }
    String command =
        "kr bench scaling --backbones "
            + String.join(",", backbones)
            + " --kr "
            + kr
            + " --batch-size "
            + batchSize
            + " --warmup "
            + warmup
            + " --steps "
            + steps
            + " --threads "
            + threads
            + " --task-threads "
            + taskThreads
            + (syncBn ? " --sync-bn" : "");
    String report = report(RunInfo.capture(command), loadBefore, rows, params);
    o.println(report);
    o.flush();
    out.save(report);
    return 0;
  }

  /** Runs the three configurations of every backbone in {@code work}. */
  private void measure(Path work, List<Row> rows, Map<String, Long> params, PrintWriter o)
      throws IOException, InterruptedException {
    for (String backbone : backbones) {
      List<String> common =
          List.of(
              "--backbone",
              backbone,
              "--kr",
              kr,
              "--batch-size",
              Integer.toString(batchSize),
              "--warmup",
              Integer.toString(warmup),
              "--steps",
              Integer.toString(steps));
      Path single = work.resolve(backbone + "-single");
      double one = runOne(common, single, 1, threads);
      rows.add(row(backbone, "1 process", 1, times(threads), one, one, o));
      params.put(backbone, trainableParams(single));
      double tasks = runTasks(common, work.resolve(backbone + "-tasks"), work);
      rows.add(row(backbone, "2 local tasks", 2, times(taskThreads) + " per task", tasks, one, o));
      double devices = runOne(common, work.resolve(backbone + "-devices"), 2, threads);
      rows.add(row(backbone, "2 virtual devices", 2, times(threads), devices, one, o));
    }
  }

  /** {@code "2,2"} as {@code "2 × 2"} (intra × inter). */
  private static String times(String intraInter) {
    return intraInter.replace(",", " × ");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Row row(
      String backbone,
      String configuration,
      int replicas,
      String threads,
      double stepMs,
      double oneProcessMs,
      PrintWriter o) {
    Row r =
        new Row(
            backbone,
            configuration,
            replicas,
            threads,
            stepMs,
            batchSize / (stepMs / 1e3),
            oneProcessMs / stepMs,
            RunInfo.loadAverage());
    o.printf(
        Locale.ROOT,
        "%s, %s: %.1f ms per step, %.1f images/s (load %s)%n",
        backbone,
        configuration,
        stepMs,
        r.imagesPerSecond(),
        r.load());
    o.flush();
    return r;
  }

  /** One process (one or two towers); returns its median step time in ms. */
  private double runOne(List<String> common, Path dir, int devices, String threads)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(javaCommand());
    cmd.addAll(common);
    cmd.addAll(taskFlags(dir, devices, threads));
    Path log = dir.resolveSibling(dir.getFileName() + ".log");
    Files.createDirectories(dir);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("scaling task did not finish in 30 min; log " + log);
      }
    } finally {
      p.destroyForcibly();
    }
    return stepMs(log, p.exitValue());
  }

  /** Two tasks of a local cluster; returns the chief's median step time in ms. */
  private double runTasks(List<String> common, Path dir, Path work)
      throws InterruptedException, IOException {
    List<String> args = new ArrayList<>(common);
    args.addAll(taskFlags(dir, 1, taskThreads));
    Path logs = work.resolve(dir.getFileName() + "-logs");
    try (LocalCluster c = LocalCluster.launch(2, heap(), ScalingTask.class.getName(), args, logs)) {
      List<Integer> codes = c.await(Duration.ofMinutes(30));
      return stepMs(c.log(0), codes.get(0));
    }
  }

  private List<String> taskFlags(Path dir, int devices, String threads) {
    List<String> f =
        new ArrayList<>(
            List.of(
                "--out",
                dir.toString(),
                "--devices",
                Integer.toString(devices),
                "--threads",
                threads));
    if (syncBn) {
      f.add("--sync-bn");
    }
    return f;
  }

  private static List<String> javaCommand() {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(heap());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalingTask.class.getName()));
    return cmd;
  }

  private static List<String> heap() {
    return List.of("-Xmx3g");
  }

  private static double stepMs(Path log, int code) throws IOException {
    List<String> lines =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("\tat "))
            .toList();
    for (String line : lines) {
      if (line.startsWith(ScalingTask.STEP_MS + " ")) {
        return Double.parseDouble(line.substring(ScalingTask.STEP_MS.length() + 1));
      }
    }
    throw new IllegalStateException(
        "scaling task exited with "
            + code
            + " without a step time; its log "
            + log
            + " ends: "
            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
  }

  /** Trainable floats of the model: the checkpoint's tensors less optimizer slots and BN state. */
  private static long trainableParams(Path runDir) throws IOException {
    CheckpointManager m = new CheckpointManager(runDir.resolve("checkpoints"), 1);
    Checkpoint c = CheckpointFile.read(m.list().get(0));
    long n = 0;
    for (Map.Entry<String, Checkpoint.Entry> e : c.tensors().entrySet()) {
      String k = e.getKey();
      if (!k.startsWith("optimizer/")
          && !k.endsWith("/moving_mean")
          && !k.endsWith("/moving_var")) {
        n += e.getValue().values().length;
      }
    }
    return n;
  }

  private String report(RunInfo run, String loadBefore, List<Row> rows, Map<String, Long> params) {
    StringBuilder b = new StringBuilder("# Data-parallel scaling on this machine\n\n");
    b.append(run.markdownPreamble())
        .append("- CPU: ")
        .append(RunInfo.cpuModel())
        .append("\n- load average (1, 5, 15 min) before: ")
        .append(loadBefore)
        .append(", after: ")
        .append(RunInfo.loadAverage())
        .append("\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Global batch %d, KR %s, random images in memory, median of %d timed steps after"
                    + " %d untimed. Efficiency = images/s ÷ the one-process images/s of the same"
                    + " model; the replicas share this machine's cores, so 1.0× is ideal and the"
                    + " shortfall is the cost of replication.%n%n",
                batchSize,
                kr,
                steps,
                warmup))
        .append(
            "| model | params | all-reduce per step | configuration | replicas | TF threads |"
                + " step ms | images/s | efficiency | load (1 min) |\n")
        .append("|---|---:|---:|---|---:|---|---:|---:|---:|---|\n");
    for (Row r : rows) {
      long p = params.get(r.backbone());
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.2f MB | %s | %d | %s | %.1f | %.1f | %.2f× | %s |%n",
              r.backbone(),
              p,
              4.0 * p / 1e6,
              r.configuration(),
              r.replicas(),
              r.threads(),
              r.stepMs(),
              r.imagesPerSecond(),
              r.efficiency(),
              r.load().split(" ")[0]));
    }
    return b.toString();
  }
}
