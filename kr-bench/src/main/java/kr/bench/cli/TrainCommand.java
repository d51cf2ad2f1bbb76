package kr.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.run.ModelSpec;
import kr.bench.run.NamedDataset;
import kr.bench.run.RecipeModelArgs;
import kr.core.graph.Checks;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.AttentionMode;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.augment.Interpolation;
import kr.train.DivergenceException;
import kr.train.EpochMetrics;
import kr.train.RunConfigFile;
import kr.train.TrainConfig;
import kr.train.TrainListener;
import kr.train.TrainResult;
import kr.train.Trainer;
import kr.train.config.AugmentConfig;
import kr.train.config.EmaConfig;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code kr train}: trains a backbone on a dataset with {@link Trainer}, writing config, metrics
 * and checkpoints to {@code --out}. {@code --recipe NAME} sets every value of a named recipe
 * (optimizer, schedule, epochs, batch, label smoothing, RandAugment, random erasing, Mixup/CutMix,
 * repeated augmentation, resampling, EMA, dropout, drop path); each flag given overrides its value,
 * and all of them land in {@code config.json} (loop and model sections). Bad flags or values: one
 * line on stderr, exit code 2; a diverged run: one line, exit code 1.
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

  @Mixin MethodOption method = new MethodOption();

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

  @Mixin DataDirOption dataDir = new DataDirOption();

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
      description =
          "Linear warmup epochs (default: the recipe's, else 5; at most a fifth of a shorter "
              + "run, rounded up).")
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
      names = {"--label-smoothing", "--smoothing"},
      paramLabel = "EPS",
      defaultValue = "0",
      description = "Label smoothing epsilon (default: the recipe's, else 0).")
  double labelSmoothing;

  @Option(
      names = "--mixup",
      paramLabel = "ALPHA",
      description = "Mixup's Beta alpha per batch, 0 = off (default: the recipe's, else 0).")
  Double mixup;

  @Option(
      names = "--cutmix",
      paramLabel = "ALPHA",
      description = "CutMix's Beta alpha per batch, 0 = off (default: the recipe's, else 0).")
  Double cutmix;

  @Option(
      names = "--mix-switch-prob",
      paramLabel = "P",
      description =
          "Probability of CutMix rather than Mixup when both are on (default: the recipe's, "
              + "else 0.5).")
  Double mixSwitchProb;

  @Option(
      names = "--randaug",
      paramLabel = "SPEC|none",
      description =
          "RandAugment per training image after the crop, e.g. rand-m9-mstd0.5-inc1 "
              + "(default: the recipe's, else none).")
  String randAugment;

  @Option(
      names = "--reprob",
      paramLabel = "P",
      description =
          "Random erasing probability per normalised image (default: the recipe's, else 0).")
  Double reprob;

  @Option(
      names = "--repeated-aug",
      paramLabel = "N",
      description = "Copies of each image per epoch, 1 = off (default: the recipe's, else 1).")
  Integer repeatedAug;

  @Option(
      names = "--interpolation",
      paramLabel = "BILINEAR|BICUBIC",
      description = "Resampling of crops and resizes (default: the recipe's, else BILINEAR).")
  Interpolation interpolation;

  @Option(
      names = "--ema",
      paramLabel = "DECAY",
      description =
          "Keep an EMA of the weights with this decay and evaluate it, 0 = off (default: the "
              + "recipe's, else 0).")
  Double ema;

  @Option(
      names = "--drop-path",
      paramLabel = "P",
      description =
          "Stochastic depth of the last block, ViT and PoolFormer only (default: the recipe's, "
              + "0.1 for static and 0 for dynamic models in deit/poolformer, else 0).")
  Double dropPath;

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
      names = "--xla",
      description =
          "Compile the graph with XLA (TensorFlow's auto-clustering); on 2 CPU cores it trains"
              + " ViTs faster and convolutional nets slower (default: off).")
  boolean xla;

  @Mixin WorkersOption workers = new WorkersOption();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Run directory.")
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
              + " start one process per task with its --task-index (or use kr cluster --local N);"
              + " default: none, one process.")
  String cluster;

  @Option(
      names = "--task-index",
      paramLabel = "I",
      defaultValue = "0",
      description = "This process's task in --cluster.")
  int taskIndex;

  @Option(
      names = "--collective-timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + ParallelConfig.DEFAULT_COLLECTIVE_TIMEOUT_SECONDS,
      description = "Seconds a task waits for its peers in one collective before the step fails.")
  int collectiveTimeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DynamicKernelMethod m = method.resolve(attention, krSwitches);
    TrainConfig config = FlagNames.rename(() -> config(m));
    int loaders = workers.value();
    if (imageSize != null) {
      FlagNames.rename(() -> Checks.positive("height", imageSize));
    }
    checkSupported(backbone, m); // an unknown name or method fails before the data loads
    checkDropPath(backbone, dropPath);
    ParallelConfig parallel = config.run().parallel();
    Path dir = dataDir.value().orElse(null);
    if (parallel.chief()) {
      Preflight.train(dataset, dir, out);
    } else {
      Preflight.data(dataset, dir); // only the chief writes --out
    }
    Dataset data = dataset(dataset, dir, config.loop().augment().interpolation());
    InputSpec input = inputFor(data, imageSize, rgb);
    BackboneArgs args = modelArgs(m, input, data.info().numClasses());
    ImageClassifier model = Backbones.create(backbone, args);
    DatasetBatchSource train = new DatasetBatchSource(data, Split.TRAIN, input, loaders);
    DatasetBatchSource test = new DatasetBatchSource(data, Split.TEST, input, loaders);
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
                          dataDir.value(),
                          input,
                          rgb,
                          data.info().numClasses(),
                          args.dropout().orElse(0),
                          args.dropPath())))
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
            .augment(augment(preset))
            .ema(ema(preset))
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
            .withParallel(parallel(loop.batchSize()))
            .withXla(xla);
    if (threads != null) {
      if (threads.size() != 2) {
        throw new IllegalArgumentException(
            "--threads must be INTRA,INTER (two numbers), got " + threads);
      }
      run = run.withThreads(threads.get(0), threads.get(1));
    }
    return new TrainConfig(opt, loop, run);
  }

  /**
   * The recipe's data pieces (or none without a recipe), each overridden by its flag when given.
   */
  AugmentConfig augment(Recipe preset) {
    AugmentConfig a = preset != null ? preset.augment() : AugmentConfig.NONE;
    if (randAugment != null) {
      String spec = randAugment.trim();
      a = a.withRandAugment(spec.equalsIgnoreCase("none") ? "" : spec);
    }
    if (reprob != null) {
      a = a.withRandomErasing(flagIn("--reprob", reprob, 0, 1));
    }
    if (mixup != null) {
      a = a.withMixup(flagIn("--mixup", mixup, 0, Double.MAX_VALUE));
    }
    if (cutmix != null) {
      a = a.withCutmix(flagIn("--cutmix", cutmix, 0, Double.MAX_VALUE));
    }
    if (mixSwitchProb != null) {
      a =
          new AugmentConfig(
              a.randAugment(),
              a.randomErasing(),
              a.mixupAlpha(),
              a.cutmixAlpha(),
              flagIn("--mix-switch-prob", mixSwitchProb, 0, 1),
              a.repeatedAugmentations(),
              a.interpolation());
    }
    if (repeatedAug != null) {
      if (repeatedAug < 1) {
        throw new IllegalArgumentException("--repeated-aug " + repeatedAug + ": must be >= 1");
      }
      a = a.withRepeatedAugmentations(repeatedAug);
    }
    if (interpolation != null) {
      a = a.withInterpolation(interpolation);
    }
    return a;
  }

  /** The recipe's weight EMA (or none), overridden by {@code --ema}. */
  EmaConfig ema(Recipe preset) {
    if (ema != null) {
      return new EmaConfig(flagIn("--ema", ema, 0, Math.nextDown(1.0)));
    }
    return preset != null ? preset.ema() : EmaConfig.OFF;
  }

  /**
   * The model's arguments: the recipe's dropout and drop path (static or dynamic, where the
   * backbone has stochastic depth), then {@code --dropout} and {@code --drop-path} when given.
   */
  BackboneArgs modelArgs(DynamicKernelMethod m, InputSpec input, int classes) {
    BackboneArgs args = BackboneArgs.of(m, input, classes);
    if (recipe != null) {
      args = RecipeModelArgs.apply(Recipes.get(recipe), backbone, args);
    }
    if (krSwitches.dropout().isPresent()) {
      args = args.withDropout(krSwitches.dropout());
    }
    if (dropPath != null) {
      args = args.withDropPath(dropPath);
    }
    return args;
  }

  /**
   * A drop path outside [0, 1), or one on a backbone without stochastic depth, is a usage error.
   */
  static void checkDropPath(String backbone, Double rate) {
    if (rate == null) {
      return;
    }
    flagIn("--drop-path", rate, 0, 0.999);
    if (rate > 0 && !Backbones.factory(backbone).supportsDropPath()) {
      throw new IllegalArgumentException(
          "--drop-path "
              + rate
              + ": backbone "
              + backbone
              + " has no stochastic depth (ViTs and PoolFormer have); use 0 or leave it out");
    }
  }

  private static double flagIn(String flag, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(
          flag
              + " "
              + v
              + ": must be in ["
              + lo
              + ", "
              + (hi == Double.MAX_VALUE ? "inf" : hi)
              + "]");
    }
    return v;
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
                : Recipe.shortRunWarmup(OptimizerConfig.DEFAULT_WARMUP_EPOCHS, epochs))
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
    return text != null ? TemperatureSchedule.parse(text) : method.temperatureSchedule();
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

  static Dataset dataset(String name, Path dir) {
    return dataset(name, dir, Interpolation.BILINEAR);
  }

  /** The dataset with {@code filter} for its own crops and resizes (ImageNet's). */
  static Dataset dataset(String name, Path dir, Interpolation filter) {
    return NamedDataset.open(
        name, Optional.ofNullable(dir), DatasetOptions.DEFAULTS.withInterpolation(filter));
  }

  static InputSpec inputFor(Dataset d, Integer size, boolean rgb) {
    var info = d.info();
    int h = size == null ? info.height() : size;
    int w = size == null ? info.width() : size;
    return DatasetBatchSource.modelInput(info, new InputSpec(h, w, rgb ? 3 : info.channels()));
  }
}
