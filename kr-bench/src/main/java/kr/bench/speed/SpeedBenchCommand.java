package kr.bench.speed;

import static kr.bench.cli.UsageChecks.nonNegative;
import static kr.bench.cli.UsageChecks.positive;
import static kr.bench.cli.UsageChecks.usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.cli.AsTyped;
import kr.bench.report.Machine;
import kr.bench.report.RunInfo;
import kr.bench.speed.SpeedCase.ModelRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kr bench speed}: training and inference images/s, peak memory and achieved GFLOP/s of
 * whole models, static next to KR and the baselines, interleaved, with a MatMul as the ceiling (see
 * {@link SpeedBenchmark}).
 */
@Command(
    name = "speed",
    mixinStandardHelpOptions = true,
    description =
        "Training and inference images/s, peak memory and GFLOP/s of whole models (static, KR,"
            + " baselines), interleaved, next to a MatMul ceiling; writes a Markdown report.")
public final class SpeedBenchCommand implements Callable<Integer> {
  /** Models of a default run: the small-input ones. */
  static final List<String> DEFAULT_MODELS =
      List.of("vit-nano-cifar", "cnn-small", "resnet18-cifar", "mobilenetv2-1.0-cifar");

  /** Models {@code --full} adds, at their paper input. */
  static final List<String> FULL_MODELS = List.of("resnet18", "vit-nano");

  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      paramLabel = "NAME[@SIZE]",
      split = ",",
      description =
          "Backbones, NAME or NAME@SIZE (square input of SIZE pixels); default: "
              + "vit-nano-cifar, cnn-small, resnet18-cifar, mobilenetv2-1.0-cifar.")
  List<String> models;

  @Option(
      names = "--methods",
      paramLabel = "METHOD",
      split = ",",
      description =
          "Methods: static, kr1x, kr4x, <baseline>, or all (every one the backbone supports);"
              + " default: static, kr1x, kr4x, odconv4x (each where the backbone supports it).")
  List<String> methods;

  @Option(names = "--full", description = "Also resnet18 and vit-nano at 224×224.")
  boolean full;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Batch of the small models.")
  int batchSize;

  @Option(
      names = "--full-batch-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "Batch of the --full (224×224) models.")
  int fullBatchSize;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps per model.")
  int warmup;

  @Option(
      names = "--repeats",
      defaultValue = "7",
      description = "Timed rounds; the median is kept.")
  int repeats;

  @Mixin ThreadsOption threads = new ThreadsOption();

  /** Which cases compile their graph with XLA. */
  enum Xla {
    OFF,
    ON,
    BOTH;

    List<Boolean> settings() {
      return switch (this) {
        case OFF -> List.of(false);
        case ON -> List.of(true);
        case BOTH -> List.of(false, true);
      };
    }
  }

  @Option(
      names = "--xla",
      paramLabel = "MODE",
      defaultValue = "off",
      description =
          "XLA auto-clustering: ${COMPLETION-CANDIDATES} (both: every method with and without"
              + " XLA, interleaved; rows with XLA are marked +xla and compared with static+xla).")
  Xla xla;

  @Option(names = "--no-memory", description = "Skip the peak-memory probes (one JVM per model).")
  boolean noMemory;

  @Option(
      names = "--ceiling-size",
      paramLabel = "N",
      defaultValue = "" + MatMulCeiling.DEFAULT_SIZE,
      description = "n of the n×n×n MatMul ceiling.")
  int ceilingSize;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "results/speed.md",
      description = "Where the Markdown report goes.")
  Path out;

  @Override
  public Integer call() throws Exception {
    positive(spec, "--batch-size", batchSize);
    positive(spec, "--full-batch-size", fullBatchSize);
    positive(spec, "--repeats", repeats);
    positive(spec, "--ceiling-size", ceilingSize);
    nonNegative(spec, "--warmup", warmup);
    StepRunner.Threads t = threads.threads();
    List<String> skipped = new ArrayList<>();
    List<SpeedCase> cases = new ArrayList<>();
    for (String m : models == null ? DEFAULT_MODELS : models) {
      addCases(cases, skipped, m, batchSize);
    }
    if (full) {
      for (String m : FULL_MODELS) {
        addCases(cases, skipped, m, fullBatchSize);
      }
    }
    if (cases.isEmpty()) {
      throw usage(spec, "no model supports the methods " + methodLabels() + ": nothing to time");
    }
    // Commit and date as the run starts (the tree may change while it runs).
    RunInfo run = RunInfo.capture(AsTyped.line(spec));
    String loadStart = Machine.loadAverage();
    long t0 = System.nanoTime();
    var log = spec.commandLine().getErr();
    SpeedBenchmark.Settings settings =
        new SpeedBenchmark.Settings(warmup, repeats, t, !noMemory, ceilingSize);
    SpeedBenchmark.Result result =
        new SpeedBenchmark(settings)
            .run(
                cases,
                line -> {
                  log.println("kr bench speed: " + line);
                  log.flush();
                });
    String report =
        SpeedReport.markdown(
            run,
            settings,
            result,
            loadStart,
            Machine.loadAverage(),
            (System.nanoTime() - t0) / 1e9,
            skipped);
    spec.commandLine().getOut().print(report);
    spec.commandLine().getOut().flush();
    RunInfo.writeAtomically(out, report);
    if (result.rows().isEmpty()) {
      log.println("kr bench speed: every case failed (see the report's failed lines)");
      log.flush();
      return 1;
    }
    return 0;
  }

  private void addCases(List<SpeedCase> cases, List<String> skipped, String model, int batch) {
    ModelRef ref;
    try {
      ref = SpeedCase.parseModel(model);
    } catch (IllegalArgumentException e) {
      throw usage(spec, "--models: " + e.getMessage());
    }
    boolean all = methods != null && methods.stream().anyMatch(m -> m.trim().equals("all"));
    for (String label : all ? SpeedCase.allMethods() : methodLabels()) {
      DynamicKernelMethod method;
      try {
        method = SpeedCase.parseMethod(label);
      } catch (IllegalArgumentException e) {
        throw usage(spec, "--methods: " + e.getMessage());
      }
      if (ref.supports(method)) {
        for (boolean x : xla.settings()) {
          cases.add(new SpeedCase(ref.backbone(), ref.input(), label.trim(), method, batch, x));
        }
      } else if (!all) {
        skipped.add(ref.backbone() + " cannot be built with " + label.trim());
      }
    }
  }

  private List<String> methodLabels() {
    return methods == null ? SpeedCase.DEFAULT_METHODS : methods;
  }
}
