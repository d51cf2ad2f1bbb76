package kr.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointMismatchException;
import kr.train.data.Batch;
import kr.train.optim.Optimizer;
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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One graph and session holding a model's inference build and, for training, its training build
 * (sharing the parameters), the loss, the gradients and the optimizer's update, plus the
 * save/restore plumbing for every variable a checkpoint holds.
 *
 * <p>Not thread-safe: one trainer or evaluator drives it.
 */
final class ModelGraph implements AutoCloseable {
  /** Prefix of optimizer slot variables in checkpoints. */
  static final String OPTIMIZER_PREFIX = "optimizer/";

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final ParameterStore store = new ParameterStore();
  /** Every variable a checkpoint holds, by path. */
  private final Map<String, Variable<TFloat32>> saved = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> slots = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> restoreFeeds = new LinkedHashMap<>();
  private final Map<String, Op> restoreOps = new LinkedHashMap<>();

  // Inference build: per-batch sums.
  private final Operand<TFloat32> evalLossSum;
  private final Operand<TFloat32> evalTop1;
  private final Operand<TFloat32> evalTop5;

  // Training build (null for an evaluation-only graph).
  private Placeholder<TFloat32> lr;
  private Placeholder<TFloat32> step;
  private Placeholder<TFloat32> temperature;
  private Operand<TFloat32> trainLoss;
  private Operand<TFloat32> trainTop1;
  private final List<Op> trainTargets = new ArrayList<>();

  private ModelGraph(ImageClassifier model, long seed, TrainConfig config) {
    InputSpec in = model.input();
    images = tf.withName("images").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, in.height(), in.width(), in.channels())));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    int classes = model.numClasses();

    BuildContext<TFloat32> root =
        BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, seed);
    if (config != null) {
      buildTraining(model, root, config, classes);
    }
    BuildContext<TFloat32> eval = root.withMode(Mode.INFERENCE);
    Ops e = tf.withSubScope("eval");
    Operand<TFloat32> logits = model.logits(eval, images);
    checkLogits(model, logits);
    Operand<TFloat32> onehot = oneHot(e, classes, 0);
    evalLossSum = e.reduceSum(e.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(),
        e.constant(0));
    evalTop1 = correct(e, logits, 1);
    evalTop5 = correct(e, logits, Math.min(5, classes));

    for (Parameter p : store.all()) {
      saved.put(p.path(), castVariable(p.variable()));
    }
    saved.putAll(slots);
    session = config == null ? new Session(graph) : new Session(graph, sessionConfig(config));
    buildRestoreOps();
    session.initialize();
  }

  /** A graph with both builds and the optimizer's update. */
  static ModelGraph forTraining(ImageClassifier model, TrainConfig config) {
    return new ModelGraph(model, config.seed(), config);
  }

  /** An inference-only graph. */
  static ModelGraph forEvaluation(ImageClassifier model) {
    return new ModelGraph(model, 0, null);
  }

  private static ConfigProto sessionConfig(TrainConfig c) {
    ConfigProto.Builder b = ConfigProto.newBuilder();
    if (c.intraOpThreads() > 0) {
      b.setIntraOpParallelismThreads(c.intraOpThreads());
    }
    if (c.interOpThreads() > 0) {
      b.setInterOpParallelismThreads(c.interOpThreads());
    }
    return b.build();
  }

  private void buildTraining(ImageClassifier model, BuildContext<TFloat32> ctx, TrainConfig c,
      int classes) {
    lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    step = tf.withName("step").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    ctx.setRandomStep(tf.dtypes.cast(step, TInt64.class));
    if (c.temperature().enabled()) {
      temperature = tf.withName("temperature").placeholder(TFloat32.class,
          Placeholder.shape(Shape.scalar()));
      ctx.setTemperature(temperature);
    }
    Operand<TFloat32> logits = model.logits(ctx, images);
    checkLogits(model, logits);
    Ops t = tf.withSubScope("train");
    Operand<TFloat32> target = oneHot(t, classes, c.labelSmoothing());
    trainLoss = t.math.mean(t.nn.softmaxCrossEntropyWithLogits(logits, target).loss(),
        t.constant(0));
    trainTop1 = correct(t, logits, 1);

    List<Parameter> params = store.trainable();
    if (params.isEmpty()) {
      throw new IllegalArgumentException("model " + model.name() + " has no trainable parameters");
    }
    Output<?>[] xs = new Output<?>[params.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = params.get(i).value().asOutput();
    }
    Output<?>[] dys = graph.addGradients(trainLoss.asOutput(), xs);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (int i = 0; i < dys.length; i++) {
      Parameter p = params.get(i);
      if (dys[i] == null) {
        // A parameter the loss does not reach (e.g. an unused branch): a zero gradient.
        grads.add(t.zerosLike(cast(p.value())));
      } else {
        grads.add(cast(dys[i]));
      }
    }
    if (c.clipNorm() > 0) {
      grads = clipByGlobalNorm(t, grads, c.clipNorm());
    }
    grads = afterAll(t, grads);
    Optimizer opt = c.optimizer().create(c.optimizerSpec());
    Ops init = tf.withInitScope();
    Op update = opt.update(tf.withSubScope("optimizer"), params, grads, lr, step,
        (name, shape) -> {
          String path = OPTIMIZER_PREFIX + name;
          if (slots.containsKey(path)) {
            throw new IllegalStateException("optimizer slot " + path + " declared twice");
          }
          Variable<TFloat32> v = tf.withName("slot").variable(
              // Fill, not Zeros: TF Java's Zeros opens a sub-scope, which scans the whole graph.
              init.fill(init.constant(shape.asArray()), init.constant(0f)));
          slots.put(path, v);
          return v;
        });
    trainTargets.add(update);
    trainTargets.addAll(ctx.updates());
  }

  /**
   * The gradients, each gated on all of them. A parameter's value is an {@code Identity} of a ref
   * variable, which aliases the variable's buffer, and {@code Assign} writes that buffer in place:
   * an update that ran while another backward op (e.g. a MatMul's input gradient) still had to
   * read the old weights would change that op's result, making steps depend on scheduling. So no
   * update may start before every gradient is computed.
   */
  private static List<Operand<TFloat32>> afterAll(Ops t, List<Operand<TFloat32>> grads) {
    List<Op> all = new ArrayList<>(grads);
    Op barrier = t.withControlDependencies(all).withName("gradients_done").noOp();
    Ops gated = t.withControlDependencies(List.of(barrier));
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      out.add(gated.identity(g));
    }
    return out;
  }

  private static List<Operand<TFloat32>> clipByGlobalNorm(Ops t, List<Operand<TFloat32>> grads,
      double clip) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      squares.add(t.reduceSum(t.math.square(g), t.range(t.constant(0), t.rank(g),
          t.constant(1))));
    }
    Operand<TFloat32> norm = t.math.sqrt(t.math.addN(squares));
    Operand<TFloat32> limit = t.constant((float) clip);
    Operand<TFloat32> scale = t.math.div(limit, t.math.maximum(norm, limit));
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      out.add(t.math.mul(g, scale));
    }
    return out;
  }

  private Operand<TFloat32> oneHot(Ops o, int classes, double smoothing) {
    float on = (float) (1 - smoothing + smoothing / classes);
    float off = (float) (smoothing / classes);
    return o.oneHot(labels, o.constant(classes), o.constant(on), o.constant(off));
  }

  private Operand<TFloat32> correct(Ops o, Operand<TFloat32> logits, int k) {
    return o.reduceSum(o.dtypes.cast(o.nn.inTopK(logits, labels, o.constant(k)), TFloat32.class),
        o.constant(0));
  }

  private static void checkLogits(ImageClassifier model, Operand<?> logits) {
    long[] dims = logits.shape().asArray();
    if (dims == null || dims.length != 2 || dims[1] != model.numClasses()) {
      throw new IllegalArgumentException("model " + model.name() + " must return logits [B, "
          + model.numClasses() + "], got " + logits.shape());
    }
  }

  private void buildRestoreOps() {
    for (Map.Entry<String, Variable<TFloat32>> e : saved.entrySet()) {
      Placeholder<TFloat32> feed = tf.withName("restore").placeholder(TFloat32.class,
          Placeholder.shape(e.getValue().shape()));
      restoreFeeds.put(e.getKey(), feed);
      restoreOps.put(e.getKey(), tf.withName("restore_assign").assign(e.getValue(), feed));
    }
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> cast(Operand<?> o) {
    return (Operand<TFloat32>) o;
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloat32> castVariable(Variable<?> v) {
    return (Variable<TFloat32>) v;
  }

  ParameterStore store() {
    return store;
  }

  boolean hasTemperature() {
    return temperature != null;
  }

  /** Loss and correct count of one training step. */
  record StepResult(double loss, double top1Correct) {}

  /** Runs one training step (update + BatchNorm statistics). */
  StepResult trainStep(Batch batch, double lrValue, long stepValue, double temperatureValue) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      Session.Runner r = session.runner()
          .feed(images, batch.images())
          .feed(labels, batch.labels())
          .feed(lr, track(feeds, TFloat32.scalarOf((float) lrValue)))
          .feed(step, track(feeds, TFloat32.scalarOf((float) stepValue)));
      if (temperature != null) {
        r.feed(temperature, track(feeds, TFloat32.scalarOf((float) temperatureValue)));
      }
      for (Op op : trainTargets) {
        r.addTarget(op);
      }
      r.fetch(trainLoss).fetch(trainTop1);
      try (Result res = r.run()) {
        return new StepResult(((TFloat32) res.get(0)).getFloat(),
            ((TFloat32) res.get(1)).getFloat());
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /** Sums of loss, top-1 and top-5 correct over one evaluation batch. */
  double[] evalBatch(Batch batch) {
    try (Result res = session.runner().feed(images, batch.images()).feed(labels, batch.labels())
        .fetch(evalLossSum).fetch(evalTop1).fetch(evalTop5).run()) {
      return new double[] {((TFloat32) res.get(0)).getFloat(),
          ((TFloat32) res.get(1)).getFloat(), ((TFloat32) res.get(2)).getFloat()};
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
   * @param withOptimizer also restore the optimizer's slots (training); when false, entries
   *     under {@code optimizer/} are ignored
   * @throws IllegalStateException if a variable is missing or its shape differs
   */
  void restore(Map<String, Checkpoint.Entry> tensors, boolean withOptimizer) {
    List<String> missing = new ArrayList<>();
    Session.Runner r = session.runner();
    List<Tensor> feeds = new ArrayList<>();
    try {
      for (Map.Entry<String, Variable<TFloat32>> e : saved.entrySet()) {
        String name = e.getKey();
        if (!withOptimizer && name.startsWith(OPTIMIZER_PREFIX)) {
          continue;
        }
        Checkpoint.Entry v = tensors.get(name);
        if (v == null) {
          missing.add(name);
          continue;
        }
        long[] want = e.getValue().shape().asArray();
        if (!Arrays.equals(want, v.dims())) {
          throw new CheckpointMismatchException("checkpoint tensor " + name + " has shape "
              + Arrays.toString(v.dims()) + ", the model's is " + Arrays.toString(want));
        }
        TFloat32 t = track(feeds, TFloat32.tensorOf(Shape.of(v.dims()),
            DataBuffers.of(v.values(), true, false)));
        r.feed(restoreFeeds.get(name), t);
        r.addTarget(restoreOps.get(name));
      }
      if (!missing.isEmpty()) {
        throw new CheckpointMismatchException("checkpoint lacks " + missing.size()
            + " variable(s) of this model, e.g. " + missing.subList(0, Math.min(5,
            missing.size())) + "; was it written for another model or configuration?");
      }
      r.run().close();
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
