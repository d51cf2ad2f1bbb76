package kr.bench.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import kr.bench.report.ProcessMemory;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains (plain SGD plus the model's BatchNorm updates) and evaluates one model in a loop on a
 * fixed random batch, with fresh input tensors every step, for a given time, sampling the JVM heap
 * and the process's resident set every few seconds. A leak shows as a positive slope after warm-up:
 * of the heap (Java objects kept), or of the RSS alone (native tensors, sessions or graph nodes not
 * released). The graph must not grow after the first step: an op built per step is a leak of its
 * own.
 */
public final class SoakBenchmark {

  /**
   * What a soak run measured.
   *
   * @param samples the readings, in time order
   * @param steps training steps done
   * @param ops graph operations after the first step (unchanged to the end)
   * @param warmupSeconds samples before this are left out of the slopes
   * @param rssMbPerMinute least-squares RSS slope after warm-up
   * @param heapMbPerMinute least-squares heap slope after warm-up
   */
  public record Report(
      List<MemorySample> samples,
      long steps,
      long ops,
      double warmupSeconds,
      double rssMbPerMinute,
      double heapMbPerMinute) {

    public Report {
      samples = List.copyOf(samples);
    }
  }

  private final ImageClassifier model;
  private final int batchSize;
  private final Duration duration;
  private final Duration warmup;
  private final Duration interval;

  /**
   * @param duration how long to run
   * @param warmup the first part of the run left out of the slopes
   * @param interval time between two samples
   */
  public SoakBenchmark(
      ImageClassifier model, int batchSize, Duration duration, Duration warmup, Duration interval) {
    this.model = Checks.notNull("model", model);
    this.batchSize = Checks.positive("batchSize", batchSize);
    this.duration = Checks.notNull("duration", duration);
    this.warmup = Checks.notNull("warmup", warmup);
    this.interval = Checks.notNull("interval", interval);
    Checks.check(
        !interval.isNegative() && !interval.isZero(), "sample interval", interval, "must be > 0");
    Checks.check(
        warmup.compareTo(duration) < 0,
        "warm-up",
        warmup,
        "must be shorter than the run (" + duration + ")");
    Checks.check(
        ProcessMemory.rssAvailable(),
        "/proc/self/status",
        "unreadable",
        "must be readable (the soak benchmark reads VmRSS; Linux only)");
  }

  /** Runs the loop; {@code progress} sees each sample as it is taken. */
  public Report run(Consumer<MemorySample> progress) {
    InputSpec in = model.input();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images =
          tf.placeholder(
              TFloat32.class,
              Placeholder.shape(Shape.of(-1, in.height(), in.width(), in.channels())));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      ParameterStore store = new ParameterStore();
      BuildContext<TFloat32> ctx = BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, 1);
      Operand<TFloat32> onehot =
          tf.oneHot(labels, tf.constant(model.numClasses()), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> loss =
          tf.math.mean(
              tf.nn.softmaxCrossEntropyWithLogits(model.logits(ctx, images), onehot).loss(),
              tf.constant(0));
      List<Op> train = sgd(graph, tf, store, loss);
      train.addAll(ctx.updates());
      Operand<TFloat32> evalLoss =
          tf.math.mean(
              tf.nn
                  .softmaxCrossEntropyWithLogits(
                      model.logits(ctx.withMode(Mode.INFERENCE), images), onehot)
                  .loss(),
              tf.constant(0));

      Random rnd = new Random(1);
      float[] x = new float[batchSize * in.height() * in.width() * in.channels()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      int[] y = new int[batchSize];
      for (int i = 0; i < y.length; i++) {
        y[i] = rnd.nextInt(model.numClasses());
      }
      Shape xs = Shape.of(batchSize, in.height(), in.width(), in.channels());
      try (Session session = new Session(graph)) {
        session.initialize();
        List<MemorySample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long steps = 0;
        long ops = -1;
        long nextSample = 0;
        long end = duration.toNanos();
        long elapsed = 0;
        while (elapsed < end) {
          try (TFloat32 xt = TFloat32.tensorOf(xs, DataBuffers.of(x, true, false));
              TInt32 yt = TInt32.tensorOf(Shape.of(batchSize), DataBuffers.of(y, true, false))) {
            Session.Runner r = session.runner().feed(images, xt).feed(labels, yt).fetch(loss);
            train.forEach(r::addTarget);
            try (Result res = r.run()) {
              checkFinite(((TFloat32) res.get(0)).getFloat(), steps + 1);
            }
            try (Result res =
                session.runner().feed(images, xt).feed(labels, yt).fetch(evalLoss).run()) {
              checkFinite(((TFloat32) res.get(0)).getFloat(), steps + 1);
            }
          }
          steps++;
          elapsed = System.nanoTime() - start;
          if (ops < 0) {
            ops = count(graph);
          }
          if (elapsed >= nextSample) {
            MemorySample s =
                new MemorySample(
                    elapsed / 1e9,
                    steps,
                    ProcessMemory.heapMb(),
                    ProcessMemory.rssMb(),
                    count(graph));
            if (s.ops() != ops) {
              throw new IllegalStateException(
                  "the graph grew from "
                      + ops
                      + " ops after the "
                      + "first step to "
                      + s.ops()
                      + " after step "
                      + steps);
            }
            samples.add(s);
            progress.accept(s);
            nextSample = elapsed + interval.toNanos();
          }
        }
        double from = warmup.toNanos() / 1e9;
        return new Report(
            samples,
            steps,
            ops,
            from,
            Slope.perMinute(samples, from, MemorySample::rssMb),
            Slope.perMinute(samples, from, MemorySample::heapMb));
      }
    }
  }

  /** w ← w − 0.01·∂loss/∂w for every trainable parameter, after every gradient is computed. */
  @SuppressWarnings("unchecked")
  private static List<Op> sgd(Graph graph, Ops tf, ParameterStore store, Operand<TFloat32> loss) {
    List<Parameter> params = store.trainable();
    Output<?>[] wrt = new Output<?>[params.size()];
    for (int i = 0; i < wrt.length; i++) {
      wrt[i] = params.get(i).value().asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), wrt);
    List<Op> done = new ArrayList<>();
    for (Output<?> g : grads) {
      if (g != null) {
        done.add(g);
      }
    }
    Ops gated = tf.withControlDependencies(done);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] != null) {
        updates.add(
            gated.train.applyGradientDescent(
                (Variable<TFloat32>) params.get(i).variable(),
                tf.constant(0.01f),
                (Operand<TFloat32>) grads[i]));
      }
    }
    return updates;
  }

  private static void checkFinite(float loss, long step) {
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("loss is " + loss + " at step " + step);
    }
  }

  private static long count(Graph graph) {
    long n = 0;
    for (Iterator<?> it = graph.operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }
}
