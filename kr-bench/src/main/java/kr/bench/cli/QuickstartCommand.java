package kr.bench.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.StaticMethod;
import kr.bench.report.ModelCost;
import kr.bench.report.RunInfo;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.idx.FashionMnist;
import kr.train.EpochMetrics;
import kr.train.TrainConfig;
import kr.train.TrainResult;
import kr.train.Trainer;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.data.DatasetBatchSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kr quickstart}: a short real run on Fashion-MNIST: a small CNN with KR and the same CNN
 * with static kernels, same data order, seed and budget; prints both test accuracies.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Train a small KR model and its static twin on Fashion-MNIST (a few minutes on "
            + "2 cores) and print both test accuracies.")
public final class QuickstartCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      description = "Fashion-MNIST directory (default: " + "/usr/share/datasets/fashion-mnist).")
  Path dataDir;

  @Option(names = "--backbone", defaultValue = "cnn-small")
  String backbone;

  @Option(
      names = "--kr",
      defaultValue = "4x",
      description = "The KR configuration of the KR run: 1x, 4x, <n>x or dyn-<n>x (default: 4x).")
  String variant;

  @Option(names = "--epochs", defaultValue = "2")
  int epochs;

  @Option(
      names = "--max-steps",
      defaultValue = "250",
      description = "Training steps per epoch at most.")
  int maxSteps;

  @Option(names = "--batch-size", defaultValue = "64")
  int batchSize;

  @Option(names = "--lr", defaultValue = "2e-3")
  double lr;

  @Option(names = "--seed", defaultValue = "0")
  long seed;

  @Option(
      names = "--out",
      description = "Parent of the two run directories (default: " + "runs/quickstart-<time>).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One finished run. */
  record Outcome(String label, EpochMetrics last, double seconds, long params) {}

  @Override
  public Integer call() throws Exception {
    DynamicKernelMethod kr =
        MethodOption.resolve(MethodOption.KR, variant, KrConfig.DEFAULT_ATTENTION);
    TrainCommand.checkSupported(backbone, kr);
    Dataset data =
        dataDir == null ? FashionMnist.load() : FashionMnist.load(dataDir, DatasetOptions.DEFAULTS);
    Path parent =
        out != null
            ? out
            : Path.of(
                "runs",
                "quickstart-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    var info = data.info();
    InputSpec input =
        DatasetBatchSource.modelInput(
            info, new InputSpec(info.height(), info.width(), info.channels()));
    var w = spec.commandLine().getOut();
    w.printf(
        "Fashion-MNIST: %d train / %d test images, %d×%d; %s, %d epochs × %d steps of %d%n",
        info.trainSize(),
        info.testSize(),
        info.height(),
        info.width(),
        backbone,
        epochs,
        maxSteps,
        batchSize);
    w.flush();
    List<Outcome> outcomes = new ArrayList<>();
    for (DynamicKernelMethod m : List.of(StaticMethod.INSTANCE, kr)) {
      ImageClassifier model = Backbones.create(backbone, m, input, info.numClasses());
      Path runDir = parent.resolve(m.name());
      TrainConfig config =
          new TrainConfig(
              OptimizerConfig.builder().lr(lr).warmupEpochs(Math.min(1, epochs)).build(),
              LoopConfig.builder()
                  .epochs(epochs)
                  .batchSize(batchSize)
                  .seed(seed)
                  .maxStepsPerEpoch(maxSteps)
                  .build(),
              RunConfig.in(runDir).withKeepCheckpoints(1));
      long t0 = System.nanoTime();
      TrainResult r =
          new Trainer(config)
              .fit(
                  model,
                  new DatasetBatchSource(data, Split.TRAIN, input, 2),
                  new DatasetBatchSource(data, Split.TEST, input, 2));
      double seconds = (System.nanoTime() - t0) / 1e9;
      EpochMetrics last =
          r.last()
              .orElseThrow(
                  () -> new IllegalStateException("the run in " + runDir + " finished no epoch"));
      outcomes.add(
          new Outcome(
              backbone + " " + m.name(), last, seconds, ModelCost.of(model, input).params()));
    }
    String table = table(outcomes);
    w.println();
    w.println(table);
    RunInfo.writeAtomically(
        parent.resolve("summary.md"),
        "# Quickstart\n\n"
            + RunInfo.capture(
                    "kr " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .markdownPreamble()
            + "\n"
            + table);
    w.println("runs, metrics and checkpoints: " + parent);
    return 0;
  }

  static String table(List<Outcome> outcomes) {
    StringBuilder sb =
        new StringBuilder(
            "| model | params | test top-1 | test loss | train loss | time |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
    for (Outcome o : outcomes) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.4f | %.4f | %.4f | %.0f s |%n",
              o.label(),
              o.params(),
              o.last().testTop1(),
              o.last().testLoss(),
              o.last().trainLoss(),
              o.seconds()));
    }
    return sb.toString();
  }
}
