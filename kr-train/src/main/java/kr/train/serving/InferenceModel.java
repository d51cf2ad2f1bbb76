package kr.train.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.augment.Normalize;
import kr.train.Evaluator;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointRestore;
import kr.train.checkpoint.CheckpointVersionException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A trained model as a classifier of raw pixels: its inference build (BatchNorm running statistics,
 * no dropout) in a graph of its own, its parameters restored from a checkpoint, behind the
 * dataset's normalisation, so that it takes pixel values as they are stored in an image file.
 * {@link #export} writes the graph and parameters as a TensorFlow SavedModel.
 *
 * <p>The graph (and the SavedModel's two signatures, {@value #SIGNATURE} and {@value
 * #UINT8_SIGNATURE}):
 *
 * <pre>
 * images_uint8  uint8   [N, H, W, C]  (default: an empty batch)
 * images        float32 [N, H, W, C]  pixel values 0..255 (default: images_uint8 cast to float)
 *   -&gt; images * (1 / (255 std[c])) - mean[c] / std[c]     the training pipeline's normalisation
 *   -&gt; logits        float32 [N, classes]
 *   -&gt; probabilities float32 [N, classes]  softmax(logits)
 * </pre>
 *
 * {@value #SIGNATURE} feeds {@code images}, {@value #UINT8_SIGNATURE} feeds {@code images_uint8};
 * both call their input {@value #INPUT} and return {@value #LOGITS} and {@value #PROBABILITIES}.
 * The normalisation uses the same float constants, in the same order of operations, as {@link
 * Normalize}, so the logits match the evaluation pipeline's to float rounding.
 */
public final class InferenceModel implements PixelClassifier {
  /** Key of the signature taking float pixel values (TensorFlow Serving's default). */
  public static final String SIGNATURE = Signature.DEFAULT_KEY;

  /** Key of the signature taking uint8 pixel values. */
  public static final String UINT8_SIGNATURE = "serving_uint8";

  /** Name of both signatures' input. */
  public static final String INPUT = "images";

  /** Name of the logits output. */
  public static final String LOGITS = "logits";

  /** Name of the softmax output. */
  public static final String PROBABILITIES = "probabilities";

  /** The method name TensorFlow Serving's Predict API expects of a signature. */
  static final String PREDICT_METHOD = "tensorflow/serving/predict";

  private final InputSpec input;
  private final int classes;
  private final Graph graph = new Graph();
  private final Session session;
  private final PlaceholderWithDefault<TFloat32> pixels;
  private final PlaceholderWithDefault<TUint8> bytes;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final CheckpointRestore restore;

  private InferenceModel(ImageClassifier model, Normalize normalize, double temperature) {
    InputSpec in = model.input();
    input = new InputSpec(in.height(), in.width(), in.channels()); // takes pixel values
    classes = model.numClasses();
    Normalize norm = normalize.expandTo(input.channels());
    Ops tf = Ops.create(graph);
    Shape shape = Shape.of(-1, input.height(), input.width(), input.channels());
    bytes =
        tf.withName("images_uint8")
            .placeholderWithDefault(
                tf.zeros(
                    tf.constant(new long[] {0, input.height(), input.width(), input.channels()}),
                    TUint8.class),
                shape);
    pixels =
        tf.withName(INPUT).placeholderWithDefault(tf.dtypes.cast(bytes, TFloat32.class), shape);
    float[] mean = norm.mean();
    float[] std = norm.std();
    float[] scale = new float[mean.length];
    float[] shift = new float[mean.length];
    for (int c = 0; c < mean.length; c++) {
      scale[c] = 1f / (255f * std[c]); // as Normalize computes them
      shift[c] = mean[c] / std[c];
    }
    Operand<TFloat32> normalised =
        tf.withName("normalised")
            .math
            .sub(tf.math.mul(pixels, tf.constant(scale)), tf.constant(shift));
    ParameterStore store = new ParameterStore();
    BuildContext<TFloat32> ctx = BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, store, 0);
    if (temperature != 1) {
      // The temperature the checkpoint's training had reached (DyConv/ODConv), fixed in the graph.
      ctx.setTemperature(tf.withName("temperature").constant((float) temperature));
    }
    Operand<TFloat32> out = model.logits(ctx, normalised);
    long[] dims = out.shape().asArray();
    Checks.check(
        dims != null && dims.length == 2 && dims[1] == classes,
        "logits",
        out.shape(),
        "must be [N, " + classes + "] for model " + model.name());
    logits = tf.withName(LOGITS).identity(out);
    probabilities = tf.withName(PROBABILITIES).nn.softmax(logits);
    Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    for (Parameter p : store.all()) {
      variables.put(p.path(), castVariable(p.variable()));
    }
    restore = new CheckpointRestore(tf, variables);
    session = new Session(graph);
    try {
      session.initialize();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The model's inference build behind {@code normalize}, with the parameters of {@code checkpoint}
   * (its optimizer state is ignored).
   *
   * @param normalize the per-channel normalisation the model was trained with (one channel's
   *     statistics are repeated for a model that replicates grayscale to RGB)
   * @throws IOException if the checkpoint cannot be read or is corrupt
   * @throws IllegalArgumentException if it has another format version
   * @throws kr.train.checkpoint.CheckpointMismatchException if it lacks one of the model's
   *     variables or a shape differs
   */
  public static InferenceModel restore(ImageClassifier model, Path checkpoint, Normalize normalize)
      throws IOException {
    Checks.notNull("model", model);
    Checks.notNull("checkpoint", checkpoint);
    Checks.notNull("normalize", normalize);
    Checkpoint c;
    try {
      c = CheckpointFile.read(checkpoint);
    } catch (CheckpointVersionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    InferenceModel m =
        new InferenceModel(model, normalize, Evaluator.reachedTemperature(c, checkpoint));
    try {
      // A run with a weight EMA evaluated (and so exports) the averaged weights.
      m.restore.run(m.session, CheckpointRestore.averagedWeights(c.tensors()), name -> false);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloat32> castVariable(Variable<?> v) {
    return (Variable<TFloat32>) v;
  }

  @Override
  public InputSpec input() {
    return input;
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public Outputs classify(float[] values, int n) {
    try (TFloat32 t = Batches.tensor(input, values, n);
        Result r = session.runner().feed(pixels, t).fetch(logits).fetch(probabilities).run()) {
      return new Outputs(
          Batches.rows((TFloat32) r.get(0), n), Batches.rows((TFloat32) r.get(1), n));
    }
  }

  /**
   * Writes the graph and the restored parameters to {@code dir} as a TensorFlow SavedModel (tag
   * {@code serve}): {@code saved_model.pb} and {@code variables/}, with the signatures {@value
   * #SIGNATURE} (float pixels) and {@value #UINT8_SIGNATURE} (uint8 pixels). Python's {@code
   * tf.saved_model.load}, TensorFlow Serving and {@link SavedModelBundle#load} read it.
   *
   * @param dir where to write; created if missing (callers write to a new directory and rename it)
   */
  public void export(Path dir) throws IOException {
    Checks.notNull("dir", dir);
    SavedModelBundle.exporter(dir.toString())
        .withSession(session)
        .withSignatures(signature(SIGNATURE, pixels), signature(UINT8_SIGNATURE, bytes))
        .export();
  }

  private Signature signature(String key, Operand<?> in) {
    return Signature.builder()
        .key(key)
        .methodName(PREDICT_METHOD)
        .input(INPUT, in)
        .output(LOGITS, logits)
        .output(PROBABILITIES, probabilities)
        .build();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
