package kr.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Mode;
import kr.core.graph.MovingAverage;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.kr.KrState;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.core.train.TrainStep;
import kr.data.mix.MixupCutmix;
import kr.data.pipeline.Batch;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointRestore;
import kr.train.config.ParallelConfig;
import kr.train.config.RunConfig;
import kr.train.distributed.CollectiveFailure;
import kr.train.distributed.CollectiveGroup;
import kr.train.distributed.Collectives;
import kr.train.distributed.DataParallel;
import kr.train.loss.SoftTargetCrossEntropy;
import kr.train.optim.WeightEma;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One graph and session holding a model's inference build and, for training, its training build
 * (sharing the parameters), the loss and one {@link TrainStep} (gradients, the barrier that makes
 * every update wait for every gradient, clipping, the optimizer's update), plus the save/restore
 * plumbing for every variable a checkpoint holds.
 *
 * <p>With Mixup/CutMix on ({@link kr.train.config.AugmentConfig#mixes()}) the training loss is
 * {@link SoftTargetCrossEntropy} on a float targets placeholder {@code [B, K]} fed per step; the
 * evaluation loss keeps the hard labels. With a weight EMA ({@link
 * kr.train.config.EmaConfig#enabled()}) every parameter (BatchNorm statistics included) has a
 * shadow {@code ema/<path>} that the training step updates after the optimizer's update; the
 * shadows are checkpointed, and {@link #swapEma()} exchanges them with the weights for evaluation.
 * An evaluation-only graph restored from a checkpoint that holds shadows takes its parameters from
 * them: it evaluates the model the trainer evaluated.
 *
 * <p>The trainer and the evaluator drive it; benchmarks and the profiler use the same graph, so
 * what they time is what a run executes.
 *
 * <p>Not thread-safe: one caller drives it.
 */
public final class ModelGraph implements AutoCloseable {
  /** Prefix of optimizer slot variables in checkpoints. */
  static final String OPTIMIZER_PREFIX = "optimizer/";

  /** Prefix of the weight-EMA shadows in checkpoints ({@link WeightEma}'s names). */
  static final String EMA_PREFIX = CheckpointRestore.EMA_PREFIX;

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final ParameterStore store = new ParameterStore();

  /** Every variable a checkpoint holds, by path. */
  private final Map<String, Variable<TFloat32>> saved = new LinkedHashMap<>();

  private final Map<String, Variable<TFloat32>> slots = new LinkedHashMap<>();
  private final CheckpointRestore restorer;

  // Inference build: per-batch sums.
  private final Operand<TFloat32> evalLossSum;
  private final Operand<TFloat32> evalTop1;
  private final Operand<TFloat32> evalTop5;
  private final long macsPerImage;

  // Training build (unset in an evaluation-only graph; trainStep refuses to run there).
  private Placeholder<TFloat32> lr;
  private Placeholder<TFloat32> step;
  private Placeholder<TFloat32> temperature;
  // The inference build's temperature: the last training step's, fed to every evaluation.
  private Operand<TFloat32> evalTemperature;
  private volatile double lastTemperature = 1;
  private Operand<TFloat32> trainLoss;
  private Operand<TFloat32> trainTop1;
  private Op trainOp;
  private Placeholder<TFloat32> targets;
  private WeightEma ema;

  // Extra inference outputs by name (empty unless built for Evaluator.extract).
  private final Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();

  // Data parallelism: the layout, and for a replicated build the step's global sums
  // [loss sum, correct, examples, stop votes] and this task's stop vote.
  private final DataParallel parallel;
  private Operand<TFloat32> stepSums;
  private Placeholder<TFloat32> stopVote;
  // Cluster only: the start-up check (max of [step, -step] over the tasks) and evaluation sums.
  private Placeholder<TFloat32> startIn;
  private Operand<TFloat32> startOut;
  private Placeholder<TFloat32> evalIn;
  private Operand<TFloat32> evalOut;

  private ModelGraph(
      ImageClassifier model,
      long seed,
      Optional<TrainConfig> training,
      Optional<InferenceOutputs> extra) {
    parallel = DataParallel.of(training.map(c -> c.run().parallel()).orElse(ParallelConfig.SINGLE));
    InputSpec in = model.input();
    images =
        tf.withName("images")
            .placeholder(
                TFloat32.class,
                Placeholder.shape(Shape.of(-1, in.height(), in.width(), in.channels())));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    int classes = model.numClasses();

    BuildContext<TFloat32> root =
        BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, seed);
    training.ifPresent(c -> buildTraining(model, root, c, classes));
    BuildContext<TFloat32> eval = root.withMode(Mode.INFERENCE);
    if (temperature != null || training.isEmpty()) {
      // DyConv/ODConv modules evaluate at the temperature training has reached (PyTorch's eval()
      // keeps the module's current temperature); at 1 instead, a model evaluated while its
      // temperature is still annealing would be a different function from the one trained. An
      // evaluation-only graph gets the temperature its checkpoint recorded (useTemperature).
      evalTemperature =
          tf.withName("eval_temperature").placeholderWithDefault(tf.constant(1f), Shape.scalar());
      eval.setTemperature(evalTemperature);
    }
    Ops e = tf.withSubScope("eval");
    Operand<TFloat32> logits;
    if (extra.isPresent()) {
      KrState<TFloat32> features = model.features(eval, images);
      logits = model.head(eval, features);
      extra.get().build(eval, features).forEach(this::addOutput);
    } else {
      logits = model.logits(eval, images);
    }
    checkLogits(model, logits);
    Operand<TFloat32> onehot = oneHot(e, labels, classes, 0);
    evalLossSum =
        e.reduceSum(e.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), e.constant(0));
    evalTop1 = correct(e, logits, labels, 1);
    evalTop5 = correct(e, logits, labels, Math.min(5, classes));
    macsPerImage = eval.ledger().totalMacs();

    for (Parameter p : store.all()) {
      saved.put(p.path(), castVariable(p.variable()));
    }
    saved.putAll(slots);
    if (parallel.cluster().isPresent()) {
      buildClusterOps();
    }
    // Every op, restore ops included, exists before the session opens (a cluster session included).
    restorer = new CheckpointRestore(tf, saved);
    session =
        training
            .map(c -> parallel.open(graph, sessionConfig(c.run())))
            .orElseGet(() -> new Session(graph));
    session.initialize();
    if (ema != null) {
      session.runner().addTarget(ema.reset()).run().close();
    }
  }

  /** A graph with both builds and the optimizer's update. */
  public static ModelGraph forTraining(ImageClassifier model, TrainConfig config) {
    return new ModelGraph(model, config.loop().seed(), Optional.of(config), Optional.empty());
  }

  /**
   * An inference-only graph, to be restored from a checkpoint (its initial parameters are those of
   * seed 0).
   */
  public static ModelGraph forEvaluation(ImageClassifier model) {
    return new ModelGraph(model, 0, Optional.empty(), Optional.empty());
  }

  /** An inference-only graph that also fetches {@code outputs} (see {@link #outputs}). */
  static ModelGraph forOutputs(ImageClassifier model, InferenceOutputs outputs) {
    return new ModelGraph(model, 0, Optional.empty(), Optional.of(outputs));
  }

  private void addOutput(String name, Operand<TFloat32> value) {
    long[] dims = value.shape().asArray();
    if (dims == null || dims.length != 2 || dims[1] <= 0) {
      throw new IllegalArgumentException(
          "inference output " + name + " must be [B, F] with a known F, got " + value.shape());
    }
    outputs.put(name, value);
  }

  /** The extra outputs of one batch, by name: {@code [B][F]} each. */
  Map<String, float[][]> outputs(Batch batch) {
    if (outputs.isEmpty()) {
      return Map.of();
    }
    Session.Runner r = session.runner().feed(images, batch.images());
    List<String> names = new ArrayList<>(outputs.keySet());
    names.forEach(n -> r.fetch(outputs.get(n)));
    Map<String, float[][]> out = new LinkedHashMap<>();
    try (Result res = r.run()) {
      for (int i = 0; i < names.size(); i++) {
        TFloat32 t = (TFloat32) res.get(i);
        int rows = (int) t.shape().get(0);
        int cols = (int) t.shape().get(1);
        float[] flat = new float[rows * cols];
        t.copyTo(DataBuffers.of(flat, false, false));
        float[][] m = new float[rows][];
        for (int b = 0; b < rows; b++) {
          m[b] = Arrays.copyOfRange(flat, b * cols, (b + 1) * cols);
        }
        out.put(names.get(i), m);
      }
    }
    return out;
  }

  private static ConfigProto sessionConfig(RunConfig c) {
    ConfigProto.Builder b = ConfigProto.newBuilder();
    if (c.intraOpThreads() > 0) {
      b.setIntraOpParallelismThreads(c.intraOpThreads());
    }
    if (c.interOpThreads() > 0) {
      b.setInterOpParallelismThreads(c.interOpThreads());
    }
    GraphOptions.Builder graph = GraphOptions.newBuilder();
    if (c.skipGraphOptimizer()) {
      graph.setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true));
    }
    if (c.xla()) {
      XlaJit.warnIfCpuJitOff();
      graph.setOptimizerOptions(
          OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1));
    }
    return b.setGraphOptions(graph).build();
  }

  private void buildTraining(
      ImageClassifier model, BuildContext<TFloat32> ctx, TrainConfig c, int classes) {
    lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    step = tf.withName("step").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    if (c.loop().temperature().enabled()) {
      temperature =
          tf.withName("temperature").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    }
    if (parallel.replicated()) {
      buildReplicated(model, c, classes);
    } else {
      buildSingle(model, ctx, c, classes);
    }
    if (c.loop().ema().enabled()) {
      buildEma(c);
    }
  }

  private void buildSingle(
      ImageClassifier model, BuildContext<TFloat32> ctx, TrainConfig c, int classes) {
    ctx.setRandomStep(tf.dtypes.cast(step, TInt64.class));
    if (temperature != null) {
      ctx.setTemperature(temperature);
    }
    Operand<TFloat32> logits = model.logits(ctx, images);
    checkLogits(model, logits);
    Ops t = tf.withSubScope("train");
    if (c.loop().augment().mixes()) {
      // Mixed batches: soft targets with the label smoothing folded in, fed per step.
      targets =
          tf.withName("targets")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
      trainLoss = SoftTargetCrossEntropy.mean(t, logits, targets);
    } else {
      Operand<TFloat32> target = oneHot(t, labels, classes, c.loop().labelSmoothing());
      trainLoss =
          t.math.mean(t.nn.softmaxCrossEntropyWithLogits(logits, target).loss(), t.constant(0));
    }
    trainTop1 = correct(t, logits, labels, 1);

    checkTrainable(model);
    TrainStep train =
        TrainStep.builder(ctx, trainLoss)
            .clipNorm(c.optimizer().clipNorm())
            .build(t, c.optimizer().optimizer().create(c.optimizer().spec()), lr, step);
    train.slots().forEach((name, v) -> slots.put(OPTIMIZER_PREFIX + name, v));
    trainOp = train.op();
  }

  /** The weight EMA over every float variable, updated after each step's update. */
  private void buildEma(TrainConfig c) {
    Ops init = tf.withInitScope();
    ema =
        WeightEma.create(
            tf,
            store.all().stream().filter(p -> p.variable().type() == TFloat32.class).toList(),
            c.loop().ema().decay(),
            (name, shape) -> {
              Variable<TFloat32> v =
                  tf.withName("ema_shadow")
                      .variable(init.fill(init.constant(shape.asArray()), init.constant(0f)));
              slots.put(name, v);
              return v;
            },
            List.of(trainOp));
    // One target: the step, then the average of its result.
    trainOp = tf.withControlDependencies(List.of(ema.update())).withName("step_ema").noOp();
  }

  /** The model's trainable parameters (BatchNorm γ/β included, its statistics and slots not). */
  public long trainableParams() {
    return store.trainableCount();
  }

  /** Whether the graph keeps a weight EMA. */
  boolean hasEma() {
    return ema != null;
  }

  /** Exchanges the weights and their EMA shadows (run before and after evaluating the average). */
  void swapEma() {
    if (ema == null) {
      throw new IllegalStateException("this graph keeps no weight EMA");
    }
    session.runner().addTarget(ema.swap()).run().close();
  }

  /** Whether the training loss takes soft targets ({@link #trainStep} then needs them). */
  boolean softTargets() {
    return targets != null;
  }

  private void checkTrainable(ImageClassifier model) {
    if (store.trainable().isEmpty()) {
      throw new IllegalArgumentException("model " + model.name() + " has no trainable parameters");
    }
  }

  /**
   * The replicated training build: this task's batch split into one slice per tower (contiguous,
   * sizes differing by at most one), each tower on its device with its own context over the shared
   * parameters, and one step on {@code J = (replicas' tasks / global batch)·Σ losses}, whose
   * gradient, once averaged over the tasks, is the mean loss's gradient over the global batch. The
   * towers' gradients meet in the shared parameter reads; the tasks' meet in one fused all-reduce
   * that also carries the step's sums and the BatchNorm statistics of the moving averages.
   */
  private void buildReplicated(ImageClassifier model, TrainConfig c, int classes) {
    int towers = parallel.towers();
    Ops t = tf.withSubScope("train");
    stopVote =
        tf.withName("stop_vote").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<TInt32> n =
        t.reshape(
            t.slice(t.shape(labels), t.constant(new int[] {0}), t.constant(new int[] {1})),
            t.constant(new int[0]));
    Operand<TInt32> sizes = towerSizes(t, n, towers);
    List<Output<TFloat32>> towerImages =
        t.splitV(images, sizes, t.constant(0), (long) towers).output();
    List<Output<TInt32>> towerLabels =
        t.splitV(labels, sizes, t.constant(0), (long) towers).output();
    List<Output<TFloat32>> towerTargets = List.of();
    if (c.loop().augment().mixes()) {
      targets =
          tf.withName("targets")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
      towerTargets = t.splitV(targets, sizes, t.constant(0), (long) towers).output();
    }
    Operand<TInt64> step64 = tf.dtypes.cast(step, TInt64.class);
    List<BuildContext<TFloat32>> contexts = new ArrayList<>();
    List<Operand<TFloat32>> lossSums = new ArrayList<>();
    List<Operand<TFloat32>> corrects = new ArrayList<>();
    for (int i = 0; i < towers; i++) {
      Ops on = tf.withDevice(parallel.towerDevice(i));
      BuildContext<TFloat32> ctx =
          BuildContext.create(on, TFloat32.class, Mode.TRAINING, store, c.loop().seed());
      // Dropout draws from (step, path): each replica gets its own stream, replica 0 of one
      // replica the single-process one.
      ctx.setRandomStep(
          on.math.add(
              on.math.mul(step64, on.constant((long) parallel.replicas())),
              on.constant((long) parallel.replicaIndex(i))));
      if (temperature != null) {
        ctx.setTemperature(temperature);
      }
      ctx.deferMovingAverages();
      ctx.setBatchStatistics(parallel.batchStatistics(i));
      Operand<TFloat32> logits = model.logits(ctx, towerImages.get(i));
      checkLogits(model, logits);
      Ops o = on.withSubScope("tower" + i);
      Operand<TFloat32> losses =
          towerTargets.isEmpty()
              ? o.nn
                  .softmaxCrossEntropyWithLogits(
                      logits, oneHot(o, towerLabels.get(i), classes, c.loop().labelSmoothing()))
                  .loss()
              : SoftTargetCrossEntropy.perExample(o, logits, towerTargets.get(i));
      lossSums.add(o.reduceSum(losses, o.constant(0)));
      corrects.add(correct(o, logits, towerLabels.get(i), 1));
      contexts.add(ctx);
    }
    checkTrainable(model);
    Operand<TFloat32> lossSum = sum(t, lossSums);
    Operand<TFloat32> localSums =
        t.stack(List.of(lossSum, sum(t, corrects), t.dtypes.cast(n, TFloat32.class), stopVote));
    List<MovingAverage<TFloat32>> averages = towerMeanAverages(t, contexts);
    Operand<TFloat32> objective =
        t.math.mul(lossSum, t.constant((float) ((double) parallel.tasks() / c.loop().batchSize())));
    List<Operand<TFloat32>> reducedExtras = new ArrayList<>();
    TrainStep train =
        TrainStep.builder(objective, store.trainable())
            .alsoRun(contexts.get(0).updates())
            .clipNorm(c.optimizer().clipNorm())
            .aggregate(
                (o, params, grads) -> {
                  List<Operand<TFloat32>> all = new ArrayList<>(grads);
                  all.add(localSums);
                  averages.forEach(a -> all.add(a.value()));
                  List<Operand<TFloat32>> mean = parallel.meanOverTasks(o, all);
                  reducedExtras.addAll(mean.subList(grads.size(), mean.size()));
                  return mean.subList(0, grads.size());
                })
            .build(t, c.optimizer().optimizer().create(c.optimizer().spec()), lr, step);
    train.slots().forEach((name, v) -> slots.put(OPTIMIZER_PREFIX + name, v));
    stepSums = t.math.mul(reducedExtras.get(0), t.constant((float) parallel.tasks()));
    List<Op> all = new ArrayList<>();
    all.add(train.op());
    for (int j = 0; j < averages.size(); j++) {
      all.add(
          contexts.get(0).movingAverageUpdate(averages.get(j).withValue(reducedExtras.get(j + 1))));
    }
    trainOp = tf.withControlDependencies(all).withName("replicated_step").noOp();
  }

  /** Slice sizes of {@code n} examples over {@code towers}: the first {@code n mod towers} + 1. */
  private static Operand<TInt32> towerSizes(Ops t, Operand<TInt32> n, int towers) {
    Operand<TInt32> k = t.constant(towers);
    Operand<TInt32> base = t.math.floorDiv(n, k);
    Operand<TInt32> extra = t.math.floorMod(n, k);
    Operand<TInt32> index = t.range(t.constant(0), k, t.constant(1));
    return t.math.add(base, t.dtypes.cast(t.math.less(index, extra), TInt32.class));
  }

  /**
   * The moving averages of tower 0 with each value replaced by its mean over the towers (with
   * synchronised BatchNorm the towers' values are equal, and tower 0's is taken as it is).
   */
  private List<MovingAverage<TFloat32>> towerMeanAverages(
      Ops t, List<BuildContext<TFloat32>> contexts) {
    List<MovingAverage<TFloat32>> first = contexts.get(0).movingAverages();
    if (contexts.size() == 1 || parallel.config().syncBatchNorm()) {
      return first;
    }
    List<MovingAverage<TFloat32>> out = new ArrayList<>();
    for (int j = 0; j < first.size(); j++) {
      List<Operand<TFloat32>> values = new ArrayList<>();
      for (BuildContext<TFloat32> ctx : contexts) {
        values.add(ctx.movingAverages().get(j).value());
      }
      out.add(
          first.get(j).withValue(t.math.div(sum(t, values), t.constant((float) contexts.size()))));
    }
    return out;
  }

  private static Operand<TFloat32> sum(Ops t, List<Operand<TFloat32>> xs) {
    return xs.size() == 1 ? xs.get(0) : t.math.addN(xs);
  }

  /** The start-up check and the evaluation sums, one collective each over the tasks. */
  private void buildClusterOps() {
    Ops t = tf.withSubScope("cluster");
    CollectiveGroup tasks = parallel.tasksGroup();
    startIn = t.withName("start_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
    startOut =
        Collectives.reduce(
            t,
            startIn,
            parallel.taskDevice(),
            new CollectiveGroup(
                tasks.size(), tasks.key(), tasks.hint(), DataParallel.START_TIMEOUT),
            Collectives.START,
            Collectives.Reduction.MAX);
    evalIn = t.withName("eval_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(4)));
    evalOut =
        Collectives.reduce(
            t,
            evalIn,
            parallel.taskDevice(),
            tasks,
            Collectives.EVALUATION,
            Collectives.Reduction.SUM);
  }

  private static Operand<TFloat32> oneHot(
      Ops o, Operand<TInt32> labels, int classes, double smoothing) {
    float on = (float) (1 - smoothing + smoothing / classes);
    float off = (float) (smoothing / classes);
    return o.oneHot(labels, o.constant(classes), o.constant(on), o.constant(off));
  }

  private static Operand<TFloat32> correct(
      Ops o, Operand<TFloat32> logits, Operand<TInt32> labels, int k) {
    return o.reduceSum(
        o.dtypes.cast(o.nn.inTopK(logits, labels, o.constant(k)), TFloat32.class), o.constant(0));
  }

  private static void checkLogits(ImageClassifier model, Operand<?> logits) {
    long[] dims = logits.shape().asArray();
    if (dims == null || dims.length != 2 || dims[1] != model.numClasses()) {
      throw new IllegalArgumentException(
          "model "
              + model.name()
              + " must return logits [B, "
              + model.numClasses()
              + "], got "
              + logits.shape());
    }
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloat32> castVariable(Variable<?> v) {
    return (Variable<TFloat32>) v;
  }

  /**
   * One training step's figures over the global batch.
   *
   * @param loss the mean loss
   * @param top1Correct examples whose top-1 prediction was right
   * @param examples examples in the global batch
   * @param stop whether some task asked to stop (a replicated run stops after this step)
   */
  public record StepResult(double loss, double top1Correct, long examples, boolean stop) {}

  /**
   * @return the data-parallel layout of this graph
   */
  DataParallel parallel() {
    return parallel;
  }

  /**
   * Runs one training step (update + BatchNorm statistics) on hard labels, in one process.
   *
   * @param lrValue this step's learning rate
   * @param stepValue the 1-based update count
   * @param temperatureValue the dynamic-kernel temperature (ignored without a schedule)
   */
  public StepResult trainStep(
      Batch batch, double lrValue, long stepValue, double temperatureValue) {
    return trainStep(batch, Optional.empty(), lrValue, stepValue, temperatureValue, false);
  }

  /**
   * Runs one training step on {@code batch}, or on its mixed images and soft targets when {@code
   * mixed} is given (which {@link #softTargets()} graphs need); the correct count is against the
   * batch's own labels.
   *
   * @param batch this task's shard of the global batch
   * @param stopVote whether this task asks to stop (replicated runs: every task learns the vote)
   */
  StepResult trainStep(
      Batch batch,
      Optional<MixupCutmix.Mixed> mixed,
      double lrValue,
      long stepValue,
      double temperatureValue,
      boolean stopVote) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      Session.Runner r =
          trainRunner(batch, mixed, lrValue, stepValue, temperatureValue, stopVote, feeds);
      try (Result res = run(r)) {
        if (stepSums == null) {
          return new StepResult(
              ((TFloat32) res.get(0)).getFloat(),
              ((TFloat32) res.get(1)).getFloat(),
              batch.size(),
              false);
        }
        TFloat32 sums = (TFloat32) res.get(0);
        double examples = sums.getFloat(2);
        return new StepResult(
            sums.getFloat(0) / examples,
            sums.getFloat(1),
            Math.round(examples),
            sums.getFloat(3) > 0.5f);
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /**
   * Runs one training step as {@link #trainStep} does (it updates the parameters), with TensorFlow
   * run options such as a full trace, and returns the run's metadata (per-op step statistics).
   */
  public RunMetadata traceTrainStep(
      Batch batch, double lrValue, long stepValue, double temperatureValue, RunOptions options) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      return metadata(
          trainRunner(batch, Optional.empty(), lrValue, stepValue, temperatureValue, false, feeds)
              .setOptions(options));
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /** A runner of one training step with every feed and its fetches (closing {@code feeds}). */
  private Session.Runner trainRunner(
      Batch batch,
      Optional<MixupCutmix.Mixed> mixed,
      double lrValue,
      long stepValue,
      double temperatureValue,
      boolean stopVote,
      List<Tensor> feeds) {
    if (trainOp == null) {
      throw new IllegalStateException("an evaluation graph has no training step");
    }
    if (mixed.isPresent() != softTargets()) {
      throw new IllegalArgumentException(
          softTargets()
              ? "this graph trains on soft targets: give the mixed batch"
              : "this graph trains on hard labels: a mixed batch has nowhere to go");
    }
    Session.Runner r = session.runner();
    if (mixed.isPresent()) {
      Shape shape = Shape.of(batch.size(), batch.height(), batch.width(), batch.channels());
      float[] soft = mixed.get().targets();
      r.feed(
              images,
              track(
                  feeds,
                  TFloat32.tensorOf(shape, DataBuffers.of(mixed.get().images(), true, false))))
          .feed(
              targets,
              track(
                  feeds,
                  TFloat32.tensorOf(
                      Shape.of(batch.size(), soft.length / batch.size()),
                      DataBuffers.of(soft, true, false))));
    } else {
      r.feed(images, batch.images());
    }
    r.feed(labels, batch.labels())
        .feed(lr, track(feeds, TFloat32.scalarOf((float) lrValue)))
        .feed(step, track(feeds, TFloat32.scalarOf((float) stepValue)));
    if (temperature != null) {
      r.feed(temperature, track(feeds, TFloat32.scalarOf((float) temperatureValue)));
      lastTemperature = temperatureValue;
    }
    r.addTarget(trainOp);
    if (stepSums == null) {
      return r.fetch(trainLoss).fetch(trainTop1);
    }
    return r.feed(this.stopVote, track(feeds, TFloat32.scalarOf(stopVote ? 1f : 0f)))
        .fetch(stepSums);
  }

  /**
   * Waits for every task to arrive (the first collective of a cluster, with a long timeout) and
   * checks they all start at {@code globalStep}.
   *
   * @throws IllegalArgumentException if the tasks start at different steps (they do not read the
   *     same run directory)
   */
  void awaitTasks(long globalStep) {
    if (startIn == null) {
      return;
    }
    try (TFloat32 in = TFloat32.vectorOf(globalStep, -globalStep);
        Result res = run(session.runner().feed(startIn, in).fetch(startOut))) {
      TFloat32 out = (TFloat32) res.get(0);
      long max = (long) out.getFloat(0);
      long min = (long) -out.getFloat(1);
      if (max != min) {
        throw new IllegalArgumentException(
            "--cluster: task "
                + parallel.config().taskIndex()
                + " starts at step "
                + globalStep
                + " but the tasks start at steps "
                + min
                + ".."
                + max
                + ": every task must read the chief's run directory (--out) on resume");
      }
    }
  }

  /**
   * @param sums this task's [loss sum, top-1, top-5, examples] of an evaluation
   * @return their sums over the tasks (the same values with one task)
   */
  double[] reduceEvaluation(double[] sums) {
    if (evalIn == null) {
      return sums.clone();
    }
    try (TFloat32 in =
            TFloat32.vectorOf((float) sums[0], (float) sums[1], (float) sums[2], (float) sums[3]);
        Result res = run(session.runner().feed(evalIn, in).fetch(evalOut))) {
      TFloat32 out = (TFloat32) res.get(0);
      return new double[] {out.getFloat(0), out.getFloat(1), out.getFloat(2), out.getFloat(3)};
    }
  }

  /**
   * Runs {@code r}; in a cluster a failure becomes a {@link CollectiveFailure} naming the peers.
   */
  private Result run(Session.Runner r) {
    if (parallel.cluster().isEmpty()) {
      return r.run();
    }
    try {
      return r.run();
    } catch (RuntimeException e) {
      throw CollectiveFailure.diagnose(parallel.cluster().get(), e, Duration.ofSeconds(2));
    }
  }

  /** Sums of loss, top-1 and top-5 correct over one evaluation batch (the inference build). */
  public double[] evalBatch(Batch batch) {
    List<Tensor> feeds = new ArrayList<>();
    try (Result res = evalRunner(batch, feeds).run()) {
      return new double[] {
        ((TFloat32) res.get(0)).getFloat(),
        ((TFloat32) res.get(1)).getFloat(),
        ((TFloat32) res.get(2)).getFloat()
      };
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /**
   * The temperature the inference build divides by: the last training step's (1 before any, and in
   * a graph without a temperature schedule).
   */
  public double evalTemperature() {
    return evalTemperature == null ? 1 : lastTemperature;
  }

  /**
   * Sets the temperature the inference build divides by, as a restored checkpoint recorded it (the
   * temperature of its last training step). A static or KR model ignores it.
   */
  void useTemperature(double value) {
    Checks.check(value > 0, "temperature", value, "must be positive");
    lastTemperature = value;
  }

  /**
   * Runs the inference build on one batch as {@link #evalBatch} does, with TensorFlow run options,
   * and returns the run's metadata.
   */
  public RunMetadata traceEvalBatch(Batch batch, RunOptions options) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      return metadata(evalRunner(batch, feeds).setOptions(options));
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  private Session.Runner evalRunner(Batch batch, List<Tensor> feeds) {
    Session.Runner r = session.runner().feed(images, batch.images()).feed(labels, batch.labels());
    if (evalTemperature != null) {
      r.feed(evalTemperature, track(feeds, TFloat32.scalarOf((float) lastTemperature)));
    }
    return r.fetch(evalLossSum).fetch(evalTop1).fetch(evalTop5);
  }

  private static RunMetadata metadata(Session.Runner r) {
    try (Result res = r.runAndFetchMetadata()) {
      return res.getMetadata()
          .orElseThrow(() -> new IllegalStateException("TensorFlow returned no run metadata"));
    }
  }

  /** Multiply-accumulates of one image's forward pass (the inference build's FLOPs ledger). */
  public long macsPerImage() {
    return macsPerImage;
  }

  /** The graph's definition, nodes in the order they were built (for profilers). */
  public GraphDef graphDef() {
    return graph.toGraphDef();
  }

  /** Operations in the graph (both builds, the update, the restore plumbing). */
  public long operationCount() {
    long n = 0;
    for (Iterator<?> it = graph.operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  private static <T extends Tensor> T track(List<Tensor> list, T t) {
    list.add(t);
    return t;
  }

  /** Reads every saved variable (parameters, state, optimizer slots). */
  Map<String, Checkpoint.Entry> snapshot() {
    Session.Runner r = session.runner();
    List<String> names = new ArrayList<>(saved.keySet());
    for (String n : names) {
      r.fetch(saved.get(n));
    }
    Map<String, Checkpoint.Entry> out = new LinkedHashMap<>();
    try (Result res = r.run()) {
      for (int i = 0; i < names.size(); i++) {
        TFloat32 t = (TFloat32) res.get(i);
        float[] values = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.put(names.get(i), new Checkpoint.Entry(t.shape().asArray(), values));
      }
    }
    return out;
  }

  /**
   * Assigns saved values to the variables.
   *
   * @param withOptimizer also restore the optimizer's slots (training); when false, entries under
   *     {@code optimizer/} are ignored
   * @throws IllegalStateException if a variable is missing or its shape differs
   */
  void restore(Map<String, Checkpoint.Entry> tensors, boolean withOptimizer) {
    // An evaluation graph reads a checkpoint's EMA shadows, when it has them, as the parameters.
    Map<String, Checkpoint.Entry> use =
        trainOp == null ? CheckpointRestore.averagedWeights(tensors) : tensors;
    // A checkpoint written before the EMA was on: restart the average from the restored weights.
    boolean resetEma =
        ema != null && tensors.keySet().stream().noneMatch(n -> n.startsWith(EMA_PREFIX));
    restorer.run(
        session,
        use,
        name ->
            (!withOptimizer && name.startsWith(OPTIMIZER_PREFIX))
                || (resetEma && name.startsWith(EMA_PREFIX)));
    if (resetEma) {
      session.runner().addTarget(ema.reset()).run().close();
    }
  }

  /** Closes the session and the graph. */
  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
