package kr.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
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
import kr.train.config.RunConfig;
import kr.train.loss.SoftTargetCrossEntropy;
import kr.train.optim.WeightEma;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
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
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
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
 * <p>Not thread-safe: one trainer or evaluator drives it.
 */
final class ModelGraph implements AutoCloseable {
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

  // Training build (unset in an evaluation-only graph; trainStep refuses to run there).
  private Placeholder<TFloat32> lr;
  private Placeholder<TFloat32> step;
  private Placeholder<TFloat32> temperature;
  private Operand<TFloat32> trainLoss;
  private Operand<TFloat32> trainTop1;
  private Op trainOp;
  private Placeholder<TFloat32> targets;
  private WeightEma ema;

  // Extra inference outputs by name (empty unless built for Evaluator.extract).
  private final Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();

  private ModelGraph(
      ImageClassifier model,
      long seed,
      Optional<TrainConfig> training,
      Optional<InferenceOutputs> extra) {
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
    Operand<TFloat32> onehot = oneHot(e, classes, 0);
    evalLossSum =
        e.reduceSum(e.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), e.constant(0));
    evalTop1 = correct(e, logits, 1);
    evalTop5 = correct(e, logits, Math.min(5, classes));

    for (Parameter p : store.all()) {
      saved.put(p.path(), castVariable(p.variable()));
    }
    saved.putAll(slots);
    session =
        training
            .map(c -> new Session(graph, sessionConfig(c.run())))
            .orElseGet(() -> new Session(graph));
    restorer = new CheckpointRestore(tf, saved);
    session.initialize();
    if (ema != null) {
      session.runner().addTarget(ema.reset()).run().close();
    }
  }

  /** A graph with both builds and the optimizer's update. */
  static ModelGraph forTraining(ImageClassifier model, TrainConfig config) {
    return new ModelGraph(model, config.loop().seed(), Optional.of(config), Optional.empty());
  }

  /**
   * An inference-only graph, to be restored from a checkpoint (its initial parameters are those of
   * seed 0).
   */
  static ModelGraph forEvaluation(ImageClassifier model) {
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
    if (c.skipGraphOptimizer()) {
      b.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
    }
    return b.build();
  }

  private void buildTraining(
      ImageClassifier model, BuildContext<TFloat32> ctx, TrainConfig c, int classes) {
    lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    step = tf.withName("step").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    ctx.setRandomStep(tf.dtypes.cast(step, TInt64.class));
    if (c.loop().temperature().enabled()) {
      temperature =
          tf.withName("temperature").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
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
      Operand<TFloat32> target = oneHot(t, classes, c.loop().labelSmoothing());
      trainLoss =
          t.math.mean(t.nn.softmaxCrossEntropyWithLogits(logits, target).loss(), t.constant(0));
    }
    trainTop1 = correct(t, logits, 1);

    if (store.trainable().isEmpty()) {
      throw new IllegalArgumentException("model " + model.name() + " has no trainable parameters");
    }
    TrainStep train =
        TrainStep.builder(ctx, trainLoss)
            .clipNorm(c.optimizer().clipNorm())
            .build(t, c.optimizer().optimizer().create(c.optimizer().spec()), lr, step);
    train.slots().forEach((name, v) -> slots.put(OPTIMIZER_PREFIX + name, v));
    trainOp = train.op();
    if (c.loop().ema().enabled()) {
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
  }

  /** The model's trainable parameters (BatchNorm γ/β included, its statistics and slots not). */
  long trainableParams() {
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

  private Operand<TFloat32> oneHot(Ops o, int classes, double smoothing) {
    float on = (float) (1 - smoothing + smoothing / classes);
    float off = (float) (smoothing / classes);
    return o.oneHot(labels, o.constant(classes), o.constant(on), o.constant(off));
  }

  private Operand<TFloat32> correct(Ops o, Operand<TFloat32> logits, int k) {
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

  /** Loss and correct count of one training step. */
  record StepResult(double loss, double top1Correct) {}

  /** Runs one training step (update + BatchNorm statistics). */
  StepResult trainStep(Batch batch, double lrValue, long stepValue, double temperatureValue) {
    return trainStep(batch, Optional.empty(), lrValue, stepValue, temperatureValue);
  }

  /**
   * Runs one training step on {@code batch}, or on its mixed images and soft targets when {@code
   * mixed} is given (which {@link #softTargets()} graphs need); the correct count is against the
   * batch's own labels.
   */
  StepResult trainStep(
      Batch batch,
      Optional<MixupCutmix.Mixed> mixed,
      double lrValue,
      long stepValue,
      double temperatureValue) {
    if (trainOp == null) {
      throw new IllegalStateException("an evaluation graph has no training step");
    }
    if (mixed.isPresent() != softTargets()) {
      throw new IllegalArgumentException(
          softTargets()
              ? "this graph trains on soft targets: give the mixed batch"
              : "this graph trains on hard labels: a mixed batch has nowhere to go");
    }
    List<Tensor> feeds = new ArrayList<>();
    try {
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
      }
      r.addTarget(trainOp);
      r.fetch(trainLoss).fetch(trainTop1);
      try (Result res = r.run()) {
        return new StepResult(
            ((TFloat32) res.get(0)).getFloat(), ((TFloat32) res.get(1)).getFloat());
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /** Sums of loss, top-1 and top-5 correct over one evaluation batch. */
  double[] evalBatch(Batch batch) {
    try (Result res =
        session
            .runner()
            .feed(images, batch.images())
            .feed(labels, batch.labels())
            .fetch(evalLossSum)
            .fetch(evalTop1)
            .fetch(evalTop5)
            .run()) {
      return new double[] {
        ((TFloat32) res.get(0)).getFloat(),
        ((TFloat32) res.get(1)).getFloat(),
        ((TFloat32) res.get(2)).getFloat()
      };
    }
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

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
