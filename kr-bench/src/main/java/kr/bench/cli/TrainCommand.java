package kr.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.run.ModelSpec;
import kr.core.graph.Checks;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.AttentionMode;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.spi.Datasets;
import kr.train.DivergenceException;
import kr.train.EpochMetrics;
import kr.train.RunConfigFile;
import kr.train.TrainConfig;
import kr.train.TrainListener;
import kr.train.TrainResult;
import kr.train.Trainer;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import kr.train.data.DatasetBatchSource;
import kr.train.optim.Optimizers;
import kr.train.optim.Schedules;
import kr.train.recipe.Recipe;
import kr.train.recipe.Recipes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code kr train}: trains a backbone on a dataset with {@link Trainer}, writing config, metrics
 * and checkpoints to {@code --out}. Bad flags or values: one line on stderr, exit code 2; a
 * diverged run: one line, exit code 1.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a backbone (static, KR or dynamic-only) on a dataset.")
public final class TrainCommand implements Callable<Integer> {

  @Option(
      names = "--backbone",
      paramLabel = "NAME",
      required = true,
      description = "Backbone name (see kr list).")
  String backbone;

  @Option(names = "--kr", paramLabel = "VARIANT", description = MethodOption.KR_HELP)
  String kr;

  @Option(names = "--method", paramLabel = "NAME", description = MethodOption.METHOD_HELP)
  String method;

  @Option(
      names = "--kr-attention",
      paramLabel = "MODE",
      defaultValue = "OMNI",
      description = "What KR's kernel generator predicts: ${COMPLETION-CANDIDATES}.")
  AttentionMode attention;

  @CommandLine.Mixin KrSwitches krSwitches = new KrSwitches();

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      required = true,
      description = "fashion-mnist, mnist, cifar10, cifar100 or imagenet.")
  String dataset;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Dataset directory (default: the dataset's own).")
  Path dataDir;

  @Option(
      names = "--image-size",
      paramLabel = "PX",
      description = "Resize images to this square size (default: the dataset's size).")
  Integer imageSize;

  @Option(names = "--rgb", description = "Replicate grayscale images to 3 channels.")
  boolean rgb;

  @Option(
      names = "--recipe",
      paramLabel = "NAME",
      description =
          "A named training recipe (see kr list recipes); flags given override its values"
              + " (default: none, the flags alone).")
  String recipe;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Epochs.")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "128",
      description = "Training images per step.")
  int batchSize;

  @Option(
      names = "--eval-batch-size",
      paramLabel = "N",
      defaultValue = "0",
      description = "0: same as --batch-size.")
  int evalBatchSize;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      defaultValue = "1e-3",
      description = "Peak learning rate (after warmup).")
  double lr;

  @Option(
      names = "--min-lr",
      paramLabel = "LR",
      defaultValue = "0",
      description = "Learning rate at the end of the cosine schedule.")
  double minLr;

  @Option(
      names = "--wd",
      paramLabel = "WD",
      defaultValue = "5e-5",
      description = "Weight decay: decoupled for adamw, L2 for sgd.")
  double weightDecay;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      defaultValue = "ADAMW",
      description = "Optimizer: ${COMPLETION-CANDIDATES} (any case).")
  Optimizers optimizer;

  @Option(
      names = "--momentum",
      paramLabel = "M",
      defaultValue = "0.9",
      description = "SGD momentum (Nesterov unless --no-nesterov).")
  double momentum;

  @Option(names = "--no-nesterov", negatable = false, description = "Plain SGD momentum.")
  boolean noNesterov;

  @Option(
      names = "--schedule",
      paramLabel = "NAME",
      defaultValue = "WARMUP_COSINE",
      description =
          "Learning-rate schedule: ${COMPLETION-CANDIDATES} (any case); STEP multiplies by"
              + " --gamma every --decay-epochs.")
  Schedules schedule;

  @Option(
      names = "--warmup-epochs",
      paramLabel = "N",
      description = "Linear warmup (default: 5, or the number of epochs if fewer).")
  Integer warmupEpochs;

  @Option(
      names = "--decay-epochs",
      paramLabel = "N",
      defaultValue = "30",
      description = "With --schedule step: epochs between decays.")
  int decayEpochs;

  @Option(
      names = "--gamma",
      paramLabel = "G",
      defaultValue = "0.1",
      description = "With --schedule step: the factor of each decay.")
  double gamma;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "0",
      description = "Seed of the initial parameters, the data order and augmentation.")
  long seed;

  @Option(
      names = "--label-smoothing",
      paramLabel = "EPS",
      defaultValue = "0",
      description = "Label smoothing of the training loss (0: none).")
  double labelSmoothing;

  @Option(
      names = "--clip-norm",
      paramLabel = "NORM",
      defaultValue = "0",
      description = "0: no clipping.")
  double clipNorm;

  @Option(
      names = "--temperature",
      paramLabel = "SCHEDULE",
      description =
          "none, dyconv (30 -> 1 over 10 epochs) or linear:<T0>:<epochs> (default: "
              + "dyconv for --method dyconv/odconv1x/odconv4x, else none).")
  String temperature;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      defaultValue = "0",
      description = "Training steps per epoch at most (0: the whole split).")
  int maxSteps;

  @Option(
      names = "--max-eval-batches",
      paramLabel = "N",
      defaultValue = "0",
      description = "Test batches evaluated per epoch at most (0: the whole split).")
  int maxEvalBatches;

  @Option(
      names = "--keep",
      paramLabel = "N",
      defaultValue = "3",
      description = "Checkpoints kept (plus best).")
  int keep;

  @Option(
      names = "--threads",
      paramLabel = "INTRA,INTER",
      hideParamSyntax = true,
      split = ",",
      description =
          "TensorFlow's intra-op and inter-op threads (default: TensorFlow's own, one per"
              + " core; 1,1 makes runs bit-identical).")
  List<Integer> threads;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "2",
      description = "Data loading threads.")
  int workers;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Run directory.")
  Path out;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
  boolean resume;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DynamicKernelMethod m = MethodOption.resolve(method, kr, attention, krSwitches);
    TrainConfig config = FlagNames.rename(() -> config(m));
    FlagNames.rename(() -> Checks.positive("workers", workers));
    if (imageSize != null) {
      FlagNames.rename(() -> Checks.positive("height", imageSize));
    }
    checkSupported(backbone, m); // an unknown name or method fails before the data loads
    Preflight.train(dataset, dataDir, out);
    Dataset data = dataset(dataset, dataDir);
    InputSpec input = inputFor(data, imageSize, rgb);
    ImageClassifier model =
        Backbones.create(
            backbone,
            BackboneArgs.of(m, input, data.info().numClasses()).withDropout(krSwitches.dropout()));
    DatasetBatchSource train = new DatasetBatchSource(data, Split.TRAIN, input, workers);
    DatasetBatchSource test = new DatasetBatchSource(data, Split.TEST, input, workers);
    try {
      PrintWriter out = spec.commandLine().getOut();
      TrainResult r =
          new Trainer(config)
              .withCommandLine(AsTyped.of(spec))
              .withModelSection(
                  RunConfigFile.modelSection(
                      ModelSpec.of(
                          backbone,
                          m,
                          dataset,
                          Optional.ofNullable(dataDir),
                          input,
                          rgb,
                          data.info().numClasses(),
                          0)))
              .addListener(
                  new TrainListener() {
                    @Override
                    public void onStopped(long globalStep) {
                      // Printed before fit returns: after a signal the JVM exits right after it.
                      out.println("interrupted at step " + globalStep + "; resume with --resume");
                      out.flush();
                    }
                  })
              .fit(model, train, test);
      if (!r.interrupted()) {
        EpochMetrics best = r.best().orElse(null);
        out.println(
            "done: "
                + r.last().map(EpochMetrics::toJson).orElse("{}")
                + (best == null ? "" : "\nbest: " + best.toJson()));
      }
      return 0;
    } catch (DivergenceException e) {
      spec.commandLine().getErr().println("kr: " + e.getMessage());
      return 1;
    }
  }

  TrainConfig config(DynamicKernelMethod m) {
    Recipe preset = recipe == null ? null : Recipes.get(recipe);
    ParseResult given = spec.commandLine().getParseResult();
    OptimizerConfig opt =
        preset != null ? RecipeOverrides.optimizer(preset, given, this) : flagOptimizer();
    LoopConfig.Builder loopBuilder =
        preset != null
            ? RecipeOverrides.loop(preset, given, this)
            : LoopConfig.builder()
                .epochs(epochs)
                .batchSize(batchSize)
                .labelSmoothing(labelSmoothing);
    LoopConfig loop =
        loopBuilder
            .evalBatchSize(evalBatchSize)
            .seed(seed)
            .temperature(temperature(temperature, m))
            .maxStepsPerEpoch(maxSteps)
            .maxEvalBatches(maxEvalBatches)
            .build();
    RunConfig run =
        RunConfig.in(out).withKeepCheckpoints(keep).withResume(resume).withProgress(!noProgress);
    if (threads != null) {
      if (threads.size() != 2) {
        throw new IllegalArgumentException(
            "--threads must be INTRA,INTER (two numbers), got " + threads);
      }
      run = run.withThreads(threads.get(0), threads.get(1));
    }
    return new TrainConfig(opt, loop, run);
  }

  private OptimizerConfig flagOptimizer() {
    return OptimizerConfig.builder()
        .lr(lr)
        .minLr(minLr)
        .weightDecay(weightDecay)
        .optimizer(optimizer)
        .momentum(momentum)
        .nesterov(!noNesterov)
        .schedule(schedule)
        .warmupEpochs(
            warmupEpochs != null
                ? warmupEpochs
                : Math.min(OptimizerConfig.DEFAULT_WARMUP_EPOCHS, epochs))
        .decayEpochs(decayEpochs)
        .gamma(gamma)
        .clipNorm(clipNorm)
        .build();
  }

  /**
   * {@code --temperature} when given, else the method's own schedule ({@link
   * DynamicKernelMethod#temperatureSchedule()}: 30 → 1 over 10 epochs for DyConv and ODConv, none
   * otherwise).
   */
  static TemperatureSchedule temperature(String text, DynamicKernelMethod method) {
    return text != null ? parseTemperature(text) : method.temperatureSchedule();
  }

  /**
   * An unknown backbone, or a method the backbone cannot build, fails (exit code 2) with one line
   * before the data loads.
   */
  static void checkSupported(String backbone, DynamicKernelMethod method) {
    if (!Backbones.factory(backbone).supports(method)) {
      throw new IllegalArgumentException(
          "--backbone "
              + backbone
              + " does not support --method "
              + method.name()
              + " (see kr list)");
    }
  }

  static TemperatureSchedule parseTemperature(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return TemperatureSchedule.none();
    }
    if (t.equals("dyconv") || t.equals("odconv")) {
      return TemperatureSchedule.dyconv();
    }
    String[] f = t.split(":");
    if (f.length == 3 && f[0].equals("linear")) {
      try {
        return TemperatureSchedule.linear(Double.parseDouble(f[1]), Integer.parseInt(f[2]));
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException(
        "temperature must be none, dyconv or linear:<T0>:<epochs>, got '" + text + "'");
  }

  static Dataset dataset(String name, Path dir) {
    Datasets registry = Datasets.discover();
    return dir == null
        ? registry.create(name, DatasetOptions.DEFAULTS)
        : registry.create(name, dir, DatasetOptions.DEFAULTS);
  }

  static InputSpec inputFor(Dataset d, Integer size, boolean rgb) {
    var info = d.info();
    int h = size == null ? info.height() : size;
    int w = size == null ? info.width() : size;
    return DatasetBatchSource.modelInput(info, new InputSpec(h, w, rgb ? 3 : info.channels()));
  }
}
