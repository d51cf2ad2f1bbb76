package kr.bench.speed;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.pipeline.Batch;
import kr.train.ModelGraph;
import kr.train.TrainConfig;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.RunConfig;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * One {@link SpeedCase} built as {@code kr train} builds it ({@link ModelGraph#forTraining}: the
 * training build with AdamW and the model's update ops, and the inference build sharing its
 * parameters) in its own session, kept open, with one fixed random batch: a training step or an
 * inference batch at a time.
 */
public final class StepRunner implements AutoCloseable {
  /** Classes of the random labels. */
  static final int CLASSES = 10;

  /** Small, so that repeated AdamW steps on one batch stay finite. */
  private static final double LR = 1e-4;

  private final SpeedCase speedCase;
  private final ModelGraph graph;
  private final Batch batch;
  private long steps;

  private StepRunner(SpeedCase speedCase, ModelGraph graph, Batch batch) {
    this.speedCase = speedCase;
    this.graph = graph;
    this.batch = batch;
  }

  /**
   * Builds the case's graph and session.
   *
   * @param threads intra- and inter-op threads (0, 0: TensorFlow's defaults, as {@code kr train})
   */
  public static StepRunner open(SpeedCase c, Threads threads) {
    Checks.notNull("case", c);
    Checks.notNull("threads", threads);
    ImageClassifier model = c.create(CLASSES);
    TrainConfig config =
        new TrainConfig(
            OptimizerConfig.builder().lr(LR).warmupEpochs(0).build(),
            LoopConfig.builder()
                .epochs(1)
                .batchSize(c.batch())
                .temperature(c.method().temperatureSchedule())
                .build(),
            RunConfig.in(Path.of("speed"))
                .withThreads(threads.intraOp(), threads.interOp())
                .withXla(c.xla())
                .withProgress(false));
    ModelGraph g = ModelGraph.forTraining(model, config);
    try {
      return new StepRunner(c, g, randomBatch(c.input(), c.batch(), 1));
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  /** A batch of standard-normal pixels and uniform labels, the same for a given seed. */
  static Batch randomBatch(InputSpec in, int size, long seed) {
    Random rnd = new Random(seed);
    float[] pixels = new float[size * in.height() * in.width() * in.channels()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) rnd.nextGaussian();
    }
    int[] labels = new int[size];
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      labels[i] = rnd.nextInt(CLASSES);
      indices[i] = i;
    }
    return Batch.of(pixels, labels, indices, in.height(), in.width(), in.channels());
  }

  public SpeedCase speedCase() {
    return speedCase;
  }

  /** Runs one training step; its wall time in milliseconds. */
  public double trainMillis() {
    long t0 = System.nanoTime();
    ModelGraph.StepResult r = graph.trainStep(batch, LR, ++steps, 1);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (!Double.isFinite(r.loss())) {
      throw new IllegalStateException(
          speedCase.label() + ": training loss is " + r.loss() + " at step " + steps);
    }
    return ms;
  }

  /** Runs the inference build on the batch; its wall time in milliseconds. */
  public double inferMillis() {
    long t0 = System.nanoTime();
    graph.evalBatch(batch);
    return (System.nanoTime() - t0) / 1e6;
  }

  /** One training step traced with {@code options}. */
  public RunMetadata traceTrain(RunOptions options) {
    return graph.traceTrainStep(batch, LR, ++steps, 1, options);
  }

  /** One inference batch traced with {@code options}. */
  public RunMetadata traceInfer(RunOptions options) {
    return graph.traceEvalBatch(batch, options);
  }

  /** Forward MACs per image (the FLOPs ledger of the inference build). */
  public long macsPerImage() {
    return graph.macsPerImage();
  }

  public long parameters() {
    return graph.trainableParams();
  }

  /** The graph's definition (nodes in build order). */
  public GraphDef graphDef() {
    return graph.graphDef();
  }

  public long operations() {
    return graph.operationCount();
  }

  @Override
  public void close() {
    try {
      graph.close();
    } finally {
      batch.close();
    }
  }

  /**
   * TensorFlow's thread pools for a session.
   *
   * @param intraOp threads one op may use (0: TensorFlow's default, the cores)
   * @param interOp ops run at once (0: TensorFlow's default)
   */
  public record Threads(int intraOp, int interOp) {
    /** TensorFlow's defaults, as {@code kr train} without {@code --threads}. */
    public static final Threads DEFAULT = new Threads(0, 0);

    public Threads {
      Checks.nonNegative("intraOp threads", intraOp);
      Checks.nonNegative("interOp threads", interOp);
    }

    /**
     * The threads a {@code --threads intra,inter} flag names.
     *
     * @throws IllegalArgumentException unless {@code values} are two numbers >= 0
     */
    public static Threads ofFlag(List<Integer> values) {
      if (values.size() != 2 || values.get(0) < 0 || values.get(1) < 0) {
        throw new IllegalArgumentException(
            "--threads must be intra,inter (two numbers >= 0), got " + values);
      }
      return new Threads(values.get(0), values.get(1));
    }

    /** "default" or "intra,inter". */
    public String label() {
      return this.equals(DEFAULT) ? "TensorFlow default" : intraOp + "," + interOp;
    }
  }
}
