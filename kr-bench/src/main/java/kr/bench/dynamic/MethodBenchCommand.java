package kr.bench.dynamic;

import java.util.List;
import java.util.concurrent.Callable;
import kr.bench.report.ReportFile;
import kr.bench.report.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kr bench methods}: every dynamic-kernel method at ResNet-18 conv shapes vs static. */
@Command(
    name = "methods",
    mixinStandardHelpOptions = true,
    description =
        "Time forward+backward of a ResNet-18 block conv built by each dynamic-kernel "
            + "method (attention included) next to the static conv, in one run.")
public final class MethodBenchCommand implements Callable<Integer> {

  @Option(
      names = "--methods",
      paramLabel = "NAME[,NAME...]",
      split = ",",
      defaultValue = "static,kr1x,kr4x,condconv,dyconv,odconv1x,odconv4x,weightnet,we,dcd",
      description = "Methods to time.")
  List<String> methods;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "8",
      description = "Images per timed step.")
  int batch;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "2",
      description = "Untimed runs first.")
  int warmup;

  @Option(
      names = "--reps",
      paramLabel = "N",
      defaultValue = "7",
      description = "Timed runs; the median is kept.")
  int reps;

  @Mixin ReportFile out = new ReportFile();

  @Override
  public Integer call() throws Exception {
    List<LayerCase> convs =
        LayerCase.paperShapes(1, batch).stream().filter(LayerCase::isConv).toList();
    var rows =
        new MethodBenchmark(warmup, reps)
            .run(
                convs,
                methods,
                r ->
                    System.err.printf(
                        "  %-12s %-10s %8.2f ms%n", r.layer().layer(), r.method(), r.millis()));
    RunInfo info =
        RunInfo.capture(
            "kr bench methods --methods "
                + String.join(",", methods)
                + " --batch "
                + batch
                + " --reps "
                + reps);
    String report =
        "# Dynamic-kernel methods at ResNet-18 conv shapes (forward + backward)\n\n"
            + info.markdownPreamble()
            + "- median of "
            + reps
            + " runs after "
            + warmup
            + " warm-up runs; the conv of the last BasicBlock, where every method is dynamic\n\n"
            + MethodBenchmark.markdown(rows);
    out.publish(report);
    return 0;
  }
}
