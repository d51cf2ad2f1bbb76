package kr.bench.profile;

import static kr.bench.cli.UsageChecks.nonNegative;
import static kr.bench.cli.UsageChecks.positive;
import static kr.bench.cli.UsageChecks.usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.cli.AsTyped;
import kr.bench.cli.MethodOption;
import kr.bench.plot.ProfileFigure;
import kr.bench.report.Machine;
import kr.bench.report.RunInfo;
import kr.bench.speed.SpeedCase;
import kr.bench.speed.StepRunner;
import kr.bench.speed.ThreadsOption;
import kr.core.kr.AttentionMode;
import kr.core.model.InputSpec;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kr profile}: per-op times of a model's training step (and of its inference batch) from
 * TensorFlow's step statistics, grouped by role, module path and op type; writes {@code
 * profile.md}, {@code ops.csv}, {@code roles.csv} and {@code profile.png} to {@code --out}.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description =
        "Per-op times of a training step from TensorFlow's trace, grouped by role (backbone,"
            + " RF, KG, aggregation, dynamic products, KRG, norms, ...), module path and op type,"
            + " forward and backward apart; Markdown, CSV and a PNG bar chart.")
public final class ProfileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--backbone", required = true, description = "Registered backbone.")
  String backbone;

  @Mixin MethodOption method = new MethodOption();

  @Option(
      names = "--input-size",
      paramLabel = "PIXELS",
      description = "Square input of this many pixels (default: the backbone's own input).")
  Integer inputSize;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Images per traced step.")
  int batchSize;

  @Option(names = "--steps", defaultValue = "3", description = "Traced steps, averaged.")
  int steps;

  @Option(names = "--warmup", defaultValue = "2", description = "Untraced steps first.")
  int warmup;

  @Mixin ThreadsOption threads = new ThreadsOption();

  @Option(names = "--xla", description = "Profile the graph compiled with XLA (default: off).")
  boolean xla;

  @Option(
      names = "--top",
      defaultValue = "25",
      description = "Rows of the path, type and op tables.")
  int top;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default: results/profile/<backbone>-<method>).")
  Path out;

  @Override
  public Integer call() throws Exception {
    positive(spec, "--batch-size", batchSize);
    positive(spec, "--steps", steps);
    positive(spec, "--top", top);
    nonNegative(spec, "--warmup", warmup);
    StepRunner.Threads t = threads.threads();
    DynamicKernelMethod m;
    InputSpec input;
    try {
      m = method.resolve(AttentionMode.OMNI);
      InputSpec def = Backbones.factory(backbone).defaultInput();
      if (inputSize != null && inputSize <= 0) {
        throw new IllegalArgumentException("--input-size must be > 0, got " + inputSize);
      }
      input =
          inputSize == null
              ? def
              : new InputSpec(inputSize, inputSize, def.channels(), def.normalization());
      if (!Backbones.factory(backbone).supports(m)) {
        throw new IllegalArgumentException(
            "backbone '" + backbone + "' cannot be built with method '" + m.name() + "'");
      }
    } catch (IllegalArgumentException e) {
      throw usage(spec, e.getMessage());
    }
    Path dir = out != null ? out : Path.of("results", "profile", backbone + "-" + m.name());
    SpeedCase c = new SpeedCase(backbone, input, m.name(), m, batchSize, xla);
    RunInfo run = RunInfo.capture(AsTyped.line(spec));
    String loadStart = Machine.loadAverage();
    RunOptions trace =
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    StepProfile training;
    StepProfile inference;
    double stepMs;
    double tracedMs;
    long operations;
    try (StepRunner r = StepRunner.open(c, t)) {
      operations = r.operations();
      for (int i = 0; i < warmup; i++) {
        r.trainMillis();
        r.inferMillis();
      }
      // The untraced step time is taken after the warm-up (the first steps include the graph
      // optimizer's work), over as many steps as are traced.
      double[] untraced = new double[steps];
      for (int i = 0; i < untraced.length; i++) {
        untraced[i] = r.trainMillis();
      }
      Arrays.sort(untraced);
      stepMs = untraced[untraced.length / 2];
      List<RunMetadata> train = new ArrayList<>();
      List<RunMetadata> infer = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        train.add(r.traceTrain(trace));
      }
      tracedMs = (System.nanoTime() - t0) / 1e6 / steps;
      for (int i = 0; i < steps; i++) {
        infer.add(r.traceInfer(trace));
      }
      var graph = r.graphDef();
      training = StepProfile.of(graph, train);
      inference = StepProfile.of(graph, infer);
    }
    String title = c.label() + ", batch " + batchSize;
    String md =
        markdown(c, t, run, loadStart, operations, stepMs, tracedMs, training, inference, title);
    RunInfo.writeAtomically(dir.resolve("profile.md"), md);
    RunInfo.writeAtomically(dir.resolve("ops.csv"), ProfileReport.opsCsv(training));
    RunInfo.writeAtomically(dir.resolve("roles.csv"), ProfileReport.rolesCsv(training));
    RunInfo.writeAtomically(dir.resolve("inference-ops.csv"), ProfileReport.opsCsv(inference));
    ProfileFigure.write(dir.resolve("profile.png"), "training step: " + title, training);
    var o = spec.commandLine().getOut();
    o.print(md);
    o.println("wrote " + dir.resolve("profile.md") + ", ops.csv, roles.csv, profile.png");
    o.flush();
    return 0;
  }

  private String markdown(
      SpeedCase c,
      StepRunner.Threads t,
      RunInfo run,
      String loadStart,
      long operations,
      double stepMs,
      double tracedMs,
      StepProfile training,
      StepProfile inference,
      String title) {
    StringBuilder sb = new StringBuilder("# Profile: " + title + "\n\n");
    sb.append(run.markdownPreamble());
    sb.append(
        String.format(
            Locale.ROOT,
            "- CPU: %s, %d cores; TensorFlow threads: %s; load average %s at the start, %s at the"
                + " end%n",
            Machine.cpuModel(),
            Runtime.getRuntime().availableProcessors(),
            t.label(),
            loadStart,
            Machine.loadAverage()));
    sb.append(
        String.format(
            Locale.ROOT,
            "- graph: %d ops; training step %.1f ms untraced (median of %d after %d warm-up"
                + " steps), %.1f ms traced;"
                + " op times summed over the %d traced steps' ops: %.1f ms per step (ops running"
                + " at once on several threads make this more than the wall time)%n",
            operations,
            stepMs,
            steps,
            warmup,
            tracedMs,
            training.steps(),
            training.totalMicros() / 1e3));
    sb.append(
        "- forward ops are named by their module path; a backward op is attributed to the"
            + " forward op whose gradient it computes; roles: see `kr.bench.profile.OpRole`\n");
    sb.append("\n## Training step by role\n\n").append(ProfileReport.roleTable(training));
    sb.append("\n![op time per role](profile.png)\n");
    sb.append("\n## Training step by module path (forward and backward)\n\n")
        .append(ProfileReport.groupTable("path", training.byPath(), training.totalMicros(), top));
    sb.append("\n## Training step by op type\n\n")
        .append(ProfileReport.groupTable("type", training.byType(), training.totalMicros(), top));
    sb.append("\n## Slowest ops of the training step\n\n")
        .append(ProfileReport.opTable(training, top));
    sb.append("\n## Inference batch by role\n\n").append(ProfileReport.roleTable(inference));
    return sb.toString();
  }
}
