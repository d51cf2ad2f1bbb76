package kr.bench.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kr.backbones.Backbones;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.cli.MethodOption;
import kr.bench.plot.SoakFigure;
import kr.bench.report.RunInfo;
import kr.core.kr.AttentionMode;
import kr.core.model.InputSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kr bench soak}: trains and evaluates a small model for some minutes, sampling the JVM heap
 * and the process RSS, and reports the memory slopes after warm-up (see {@link SoakBenchmark}).
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description =
        "Train+eval a small model for some minutes; heap and RSS slopes (MB/min) "
            + "after warm-up, graph op count checked constant.")
public final class SoakBenchCommand implements Callable<Integer> {
  /** Classes of the random labels. */
  private static final int CLASSES = 10;

  @Spec CommandSpec spec;

  @Option(names = "--minutes", paramLabel = "M", defaultValue = "5", description = "Run time.")
  double minutes;

  @Option(
      names = "--warmup-minutes",
      paramLabel = "M",
      description = "Left out of the slopes (default: a fifth " + "of the run).")
  Double warmupMinutes;

  @Option(
      names = "--sample-seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "Seconds between samples.")
  double sampleSeconds;

  @Option(
      names = "--backbone",
      paramLabel = "NAME",
      defaultValue = "test-cnn",
      description = "Backbone trained.")
  String backbone;

  @Option(
      names = "--kr",
      paramLabel = "VARIANT",
      defaultValue = "4x",
      description = "KR configuration: 1x, 4x, <n>x or dyn-<n>x.")
  String kr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "16",
      description = "Training images per step.")
  int batchSize;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Write the samples to this CSV file (default: none).")
  Path csv;

  @Option(
      names = "--png",
      paramLabel = "FILE",
      description =
          "Write a figure of RSS and heap over time, with the warm-up boundary and the "
              + "fitted slope lines, to this PNG file (default: none).")
  Path png;

  @Override
  public Integer call() throws Exception {
    if (!(minutes > 0) || Double.isInfinite(minutes)) {
      throw new ParameterException(spec.commandLine(), "--minutes must be > 0, got " + minutes);
    }
    double warm = warmupMinutes == null ? minutes / 5 : warmupMinutes;
    if (!(warm >= 0) || warm >= minutes) {
      throw new ParameterException(
          spec.commandLine(), "--warmup-minutes must be in [0, " + minutes + "), got " + warm);
    }
    if (!(sampleSeconds > 0) || sampleSeconds * 2 > (minutes - warm) * 60) {
      throw new ParameterException(
          spec.commandLine(),
          "--sample-seconds must be > 0 and leave "
              + "at least 2 samples after warm-up, got "
              + sampleSeconds);
    }
    if (batchSize <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--batch-size must be > 0, got " + batchSize);
    }
    DynamicKernelMethod method;
    InputSpec input;
    try {
      method = MethodOption.resolve(null, kr, AttentionMode.OMNI);
      input = Backbones.factory(backbone).defaultInput();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    SoakBenchmark bench =
        new SoakBenchmark(
            Backbones.create(backbone, method, input, CLASSES),
            batchSize,
            seconds(minutes * 60),
            seconds(warm * 60),
            seconds(sampleSeconds));
    var out = spec.commandLine().getOut();
    out.println(MemorySample.CSV_HEADER);
    SoakBenchmark.Report r =
        bench.run(
            s -> {
              out.println(s.csv());
              out.flush();
            });
    if (csv != null) {
      RunInfo.writeAtomically(
          csv,
          MemorySample.CSV_HEADER
              + "\n"
              + r.samples().stream().map(MemorySample::csv).collect(Collectors.joining("\n"))
              + "\n");
    }
    if (png != null) {
      SoakFigure.write(png, r);
    }
    out.printf(
        Locale.ROOT,
        "%s %s, batch %d: %d steps in %.1f min, %d graph ops (constant); "
            + "after %.1f min warm-up: RSS %+.2f MB/min, heap %+.2f MB/min%n",
        backbone,
        method.name(),
        batchSize,
        r.steps(),
        minutes,
        r.ops(),
        warm,
        r.rssMbPerMinute(),
        r.heapMbPerMinute());
    return 0;
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }
}
