package kr.bench.speed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kr.bench.report.Machine;
import kr.bench.report.RunInfo;
import kr.bench.speed.MemoryProbe.Memory;
import kr.bench.speed.SpeedBenchmark.Result;
import kr.bench.speed.SpeedBenchmark.Row;
import kr.train.XlaJit;

/** {@code results/speed.md}: the Markdown report of a {@link SpeedBenchmark} run. */
final class SpeedReport {
  private SpeedReport() {}

  /**
   * The report.
   *
   * @param loadStart load averages when the run started
   * @param loadEnd load averages when it ended
   * @param skipped cases left out (a method the backbone cannot build), one line each
   */
  static String markdown(
      RunInfo run,
      SpeedBenchmark.Settings settings,
      Result result,
      String loadStart,
      String loadEnd,
      double wallSeconds,
      List<String> skipped) {
    StringBuilder sb = new StringBuilder("# Training and inference speed\n\n");
    sb.append(run.markdownPreamble());
    sb.append(
        String.format(
            Locale.ROOT,
            "- CPU: %s, %d cores (nproc); TensorFlow threads: %s%n",
            Machine.cpuModel(),
            Runtime.getRuntime().availableProcessors(),
            settings.threads().label()));
    sb.append(
        String.format(
            Locale.ROOT,
            "- load average (1, 5, 15 min): %s at the start, %s at the end; other processes may"
                + " share the cores, so absolute figures move with them, the ratios between the"
                + " interleaved methods of a model much less%n",
            loadStart,
            loadEnd));
    if (result.rows().stream().anyMatch(r -> r.speedCase().xla())) {
      sb.append(
          "- XLA: rows marked +xla ran with TensorFlow's auto-clustering (GlobalJitLevel ON_1,"
              + " TF_XLA_FLAGS "
              + XlaJit.CPU_FLAG
              + (XlaJit.cpuJitEnabled() ? "" : " NOT SET: nothing was compiled")
              + "); their × static is against static+xla\n");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "- method: each model and method in its own graph and session, built as `kr train`"
                + " builds it (AdamW, the model's BatchNorm updates) on one fixed random batch;"
                + " one model at a time, %d warm-up steps per method, then %d rounds, each one"
                + " training step of every method in turn, one inference batch of every method,"
                + " and one %d³ MatMul; median of the rounds; %.0f s in all%n",
            settings.warmup(),
            settings.repeats(),
            result.ceilingSize(),
            wallSeconds));
    sb.append(
        "- GFLOP/s from the FLOPs ledger: training 3 × forward MACs × 2 FLOPs per image,"
            + " inference forward MACs × 2; × static = static images/s ÷ this row's (time"
            + " ratio, 1.00 = as fast as static)\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "- ceiling: TensorFlow MatMul %d³ runs at **%.1f GFLOP/s** (median %.1f ms)%n",
            result.ceilingSize(),
            result.ceilingGflops(),
            SpeedBenchmark.median(result.ceilingMs())));
    for (String f : result.failed()) {
      sb.append("- failed: ").append(f).append('\n');
    }
    for (String s : skipped) {
      sb.append("- skipped: ").append(s).append('\n');
    }

    sb.append("\n## Throughput\n\n");
    sb.append(
        "| model | method | batch | train img/s | train × static | infer img/s | infer × static"
            + " | MMACs/img | params | train GFLOP/s | % ceiling | infer GFLOP/s | % ceiling |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double ceiling = result.ceilingGflops();
    for (Row r : result.rows()) {
      Optional<Row> s = result.staticOf(r);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f | %s | %.1f | %s | %.1f | %s | %.1f | %.1f%% | %.1f | %.1f%% |%n",
              r.speedCase().modelLabel(),
              r.speedCase().variantLabel(),
              r.speedCase().batch(),
              r.trainImagesPerSecond(),
              s.map(x -> ratio(x.trainImagesPerSecond() / r.trainImagesPerSecond())).orElse("–"),
              r.inferImagesPerSecond(),
              s.map(x -> ratio(x.inferImagesPerSecond() / r.inferImagesPerSecond())).orElse("–"),
              r.macsPerImage() / 1e6,
              params(r.parameters()),
              r.trainGflops(),
              100 * r.trainGflops() / ceiling,
              r.inferGflops(),
              100 * r.inferGflops() / ceiling));
    }

    if (result.rows().stream().anyMatch(r -> r.memory().isPresent())) {
      sb.append("\n## Peak memory\n\n");
      sb.append(
          "Each model alone in a JVM of its own: RSS after TensorFlow loads, after the graph is"
              + " built and initialised, and the peak RSS (VmHWM) over inference batches and then"
              + " over training steps; per image = (peak − built) ÷ batch. MiB.\n\n");
      sb.append(
          "| model | method | batch | base RSS | built RSS | infer peak | train peak"
              + " | infer MiB/img | train MiB/img | heap peak |\n");
      sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Row r : result.rows()) {
        if (r.memory().isEmpty()) {
          continue;
        }
        Memory m = r.memory().get();
        int b = r.speedCase().batch();
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.0f |%n",
                r.speedCase().modelLabel(),
                r.speedCase().variantLabel(),
                b,
                m.baseRss(),
                m.graphRss(),
                m.inferencePeak(),
                m.trainingPeak(),
                m.inferencePerImage(b),
                m.trainingPerImage(b),
                m.heapPeak()));
      }
    }

    List<String> ratios = new ArrayList<>();
    for (Row r : result.rows()) {
      if (r.speedCase().methodLabel().equals("static")) {
        continue;
      }
      result
          .staticOf(r)
          .ifPresent(
              s ->
                  ratios.add(
                      String.format(
                          Locale.ROOT,
                          "| %s | %s | %s | %s |%n",
                          r.speedCase().modelLabel(),
                          r.speedCase().variantLabel(),
                          ratio(s.trainImagesPerSecond() / r.trainImagesPerSecond()),
                          ratio(s.inferImagesPerSecond() / r.inferImagesPerSecond()))));
    }
    if (!ratios.isEmpty()) {
      sb.append("\n## Dynamic / static time ratios\n\n");
      sb.append("| model | method | training | inference |\n|---|---|---:|---:|\n");
      ratios.forEach(sb::append);
    }
    return sb.toString();
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2f×", v);
  }

  private static String params(long n) {
    return n >= 1_000_000
        ? String.format(Locale.ROOT, "%.2fM", n / 1e6)
        : String.format(Locale.ROOT, "%.0fk", n / 1e3);
  }
}
