package kr.bench.dynamic;

import java.util.List;
import java.util.concurrent.Callable;
import kr.bench.report.ReportFile;
import kr.bench.report.RunInfo;
import kr.core.kr.AttentionMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kr bench dynamic}: dynamic-vs-static layer timings at ViT-Nano and ResNet-18 shapes. */
@Command(
    name = "dynamic",
    mixinStandardHelpOptions = true,
    description =
        "Time forward+backward of static vs dynamic layers (n kernels, every "
            + "execution strategy) at ViT-Nano and ResNet-18 layer shapes, side by side.")
public final class DynamicBenchCommand implements Callable<Integer> {

  @Option(
      names = "--multipliers",
      paramLabel = "N[,N...]",
      split = ",",
      defaultValue = "1,4",
      description = "Kernel multipliers n.")
  List<Integer> multipliers;

  @Option(
      names = "--attention",
      paramLabel = "MODE",
      defaultValue = "OMNI",
      description = "Coefficients as KR produces them: ${COMPLETION-CANDIDATES}.")
  AttentionMode attention;

  @Option(
      names = "--vit-batch",
      paramLabel = "N",
      defaultValue = "64",
      description = "Batch of the ViT rows.")
  int vitBatch;

  @Option(
      names = "--resnet-batch",
      paramLabel = "N",
      defaultValue = "8",
      description = "Batch of the ResNet rows.")
  int resnetBatch;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Only rows of this model, vit-nano or resnet18 (default: both).")
  String model;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "3",
      description = "Untimed runs first.")
  int warmup;

  @Option(
      names = "--reps",
      paramLabel = "N",
      defaultValue = "10",
      description = "Timed runs; the median is kept.")
  int reps;

  @Mixin ReportFile out = new ReportFile();

  @Override
  public Integer call() throws Exception {
    for (int n : multipliers) {
      if (n < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--multipliers: each value must be >= 1, got " + n);
      }
    }
    List<LayerCase> cases =
        LayerCase.paperShapes(vitBatch, resnetBatch).stream()
            .filter(c -> model == null || c.model().equals(model))
            .toList();
    if (cases.isEmpty()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--model: expected vit-nano or resnet18, got '" + model + "'");
    }
    var bench = new DynamicLayerBenchmark(warmup, reps, attention);
    var rows =
        bench.run(
            cases,
            multipliers,
            r ->
                System.err.printf(
                    "  %-9s %-12s %-14s %-14s %8.2f ms%n",
                    r.layer().model(), r.layer().layer(), r.variant(), r.strategy(), r.millis()));
    RunInfo info =
        RunInfo.capture(
            "kr bench dynamic "
                + String.join(
                    " ",
                    "--multipliers",
                    multipliers.toString().replaceAll("[\\[\\] ]", ""),
                    "--attention",
                    attention.name(),
                    "--vit-batch",
                    "" + vitBatch,
                    "--resnet-batch",
                    "" + resnetBatch,
                    "--reps",
                    "" + reps));
    String report =
        "# Dynamic vs static layer time (forward + backward)\n\n"
            + info.markdownPreamble()
            + "- coefficients: "
            + attention
            + "; median of "
            + reps
            + " runs after "
            + warmup
            + " warm-up runs; 'auto' marks the default strategy\n\n"
            + DynamicLayerBenchmark.markdown(rows);
    out.publish(report);
    return 0;
  }
}
