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
import kr.train.config.ParallelConfig;
import kr.train.config.RunConfig;
import kr.train.data.DatasetBatchSource;
import kr.train.distributed.ClusterSpec;
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

  @Option(names = "--backbone", required = true, description = "Backbone name (see kr list).")
  String backbone;

  @Option(names = "--kr", description = MethodOption.KR_HELP)
  String kr;

  @Option(names = "--method", description = MethodOption.METHOD_HELP)
  String method;

  @Option(
      names = "--kr-attention",
      defaultValue = "OMNI",
      description = "What KR's kernel generator predicts: ${COMPLETION-CANDIDATES}.")
  AttentionMode attention;

  @CommandLine.Mixin KrSwitches krSwitches = new KrSwitches();

  @Option(
      names = "--dataset",
      required = true,
      description = "fashion-mnist, mnist, cifar10, cifar100 or imagenet.")
  String dataset;

  @Option(names = "--data-dir", description = "Dataset directory (default: the dataset's own).")
  Path dataDir;

  @Option(names = "--image-size", description = "Resize images to this square size.")
  Integer imageSize;

  @Option(names = "--rgb", description = "Replicate grayscale images to 3 channels.")
  boolean rgb;

  @Option(
      names = "--recipe",
      description =
          "A named training recipe (see kr list recipes); flags given override its values.")
  String recipe;

  @Option(names = "--epochs", defaultValue = "100")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "128")
  int batchSize;

  @Option(names = "--eval-batch-size", defaultValue = "0", description = "0: same as --batch-size.")
  int evalBatchSize;

  @Option(names = "--lr", defaultValue = "1e-3")
  double lr;

  @Option(names = "--min-lr", defaultValue = "0")
  double minLr;

  @Option(
      names = "--wd",
      defaultValue = "5e-5",
      description = "Weight decay: decoupled for adamw, L2 for sgd.")
  double weightDecay;

  @Option(names = "--optimizer", defaultValue = "ADAMW", description = "${COMPLETION-CANDIDATES}.")
  Optimizers optimizer;

  @Option(names = "--momentum", defaultValue = "0.9")
  double momentum;

  @Option(names = "--no-nesterov", negatable = false, description = "Plain SGD momentum.")
  boolean noNesterov;

  @Option(
      names = "--schedule",
      defaultValue = "WARMUP_COSINE",
      description = "${COMPLETION-CANDIDATES}.")
  Schedules schedule;

  @Option(
      names = "--warmup-epochs",
      description = "Linear warmup (default: 5, or the number of epochs if fewer).")
  Integer warmupEpochs;

  @Option(names = "--decay-epochs", defaultValue = "30")
  int decayEpochs;

  @Option(names = "--gamma", defaultValue = "0.1")
  double gamma;

  @Option(names = "--seed", defaultValue = "0")
  long seed;

  @Option(names = "--label-smoothing", defaultValue = "0")
  double labelSmoothing;

  @Option(names = "--clip-norm", defaultValue = "0", description = "0: no clipping.")
  double clipNorm;

  @Option(
      names = "--temperature",
      description =
          "none, dyconv (30 -> 1 over 10 epochs) or linear:<T0>:<epochs> (default: "
              + "dyconv for --method dyconv/odconv1x/odconv4x, else none).")
  String temperature;

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      description = "Training steps per epoch at most (0: the whole split).")
  int maxSteps;

  @Option(names = "--max-eval-batches", defaultValue = "0")
  int maxEvalBatches;

  @Option(names = "--keep", defaultValue = "3", description = "Checkpoints kept (plus best).")
  int keep;

  @Option(names = "--threads", split = ",", description = "intra,inter TensorFlow threads.")
  List<Integer> threads;

  @Option(names = "--workers", defaultValue = "2", description = "Data loading threads.")
  int workers;

  @Option(names = "--out", required = true, description = "Run directory.")
  Path out;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
  boolean resume;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Option(
      names = {"--devices", "--towers"},
      defaultValue = "1",
      description =
          "Towers in this process, one per device (on CPU: virtual CPU devices), each on its slice"
              + " of the batch; gradients averaged, one update.")
  int devices;

  @Option(
      names = "--sync-bn",
      description =
          "BatchNorm normalises with the statistics of the global batch (every device and task);"
              + " without it each tower uses its own slice's, as PyTorch DDP.")
  boolean syncBn;

  @Option(
      names = "--cluster",
      paramLabel = "HOST:PORT,...",
      description =
          "Every task of a data-parallel run, task 0 first (the chief: it alone writes --out);"
              + " start one process per task with its --task-index (or use kr cluster --local N).")
  String cluster;

  @Option(
      names = "--task-index",
      defaultValue = "0",
      description = "This process's task in --cluster.")
  int taskIndex;

  @Option(
      names = "--collective-timeout",
      defaultValue = "" + ParallelConfig.DEFAULT_COLLECTIVE_TIMEOUT_SECONDS,
      description = "Seconds a task waits for its peers in one collective before the step fails.")
  int collectiveTimeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DynamicKernelMethod m = MethodOption.resolve(method, kr, attention, krSwitches);
    TrainConfig config = config(m);
    checkSupported(backbone, m); // an unknown name or method fails before the data loads
    ParallelConfig parallel = config.run().parallel();
    if (parallel.chief()) {
      Preflight.train(dataset, dataDir, out);
    } else {
      Preflight.data(dataset, dataDir); // only the chief writes --out
    }
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
                      if (parallel.chief()) {
                        out.println("interrupted at step " + globalStep + "; resume with --resume");
                        out.flush();
                      }
                    }
                  })
              .withPeerLossHandler(
                  f -> {
                    // The step waiting for the lost peer cannot be interrupted: end the process
                    // (no run-directory file is being written while this runs).
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("kr: " + f.getMessage());
                    err.flush();
                    Runtime.getRuntime().halt(KrCli.EXIT_FAILED);
                  })
              .fit(model, train, test);
      if (!r.interrupted() && parallel.chief()) {
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
        RunConfig.in(out)
            .withKeepCheckpoints(keep)
            .withResume(resume)
            .withProgress(!noProgress)
            .withParallel(parallel(loop.batchSize()));
    if (threads != null) {
      if (threads.size() != 2) {
        throw new IllegalArgumentException("threads must be <intra>,<inter>, got " + threads);
      }
      run = run.withThreads(threads.get(0), threads.get(1));
    }
    return new TrainConfig(opt, loop, run);
  }

  /** {@code --devices}, {@code --cluster}, {@code --task-index}, {@code --sync-bn}. */
  ParallelConfig parallel(int globalBatch) {
    List<String> tasks = List.of();
    if (cluster != null) {
      tasks = ClusterSpec.parse(cluster, taskIndex).tasks().stream().map(Object::toString).toList();
    } else if (taskIndex != 0) {
      throw new IllegalArgumentException("--task-index needs --cluster");
    }
    ParallelConfig p = new ParallelConfig(devices, tasks, taskIndex, syncBn, collectiveTimeout);
    if (globalBatch < p.replicas()) {
      throw new IllegalArgumentException(
          "--batch-size "
              + globalBatch
              + " must be at least the number of replicas, --devices × tasks = "
              + p.replicas());
    }
    return p;
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
