package kr.train.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import kr.train.ErrorMessages;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel written by {@link InferenceModel#export} (or any SavedModel with the same {@value
 * InferenceModel#SIGNATURE} signature: float32 input {@value InferenceModel#INPUT} {@code [N, H, W,
 * C]} of raw pixel values, float32 outputs {@value InferenceModel#LOGITS} and {@value
 * InferenceModel#PROBABILITIES} {@code [N, classes]}), loaded with {@link SavedModelBundle#load}.
 */
public final class SavedModelClassifier implements PixelClassifier {
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final InputSpec input;
  private final int classes;

  private SavedModelClassifier(
      SavedModelBundle bundle, SessionFunction function, InputSpec input, int classes) {
    this.bundle = bundle;
    this.function = function;
    this.input = input;
    this.classes = classes;
  }

  /**
   * Loads the SavedModel in {@code dir} (tag {@code serve}).
   *
   * @throws IllegalArgumentException one line naming {@code dir} when it is not a directory, holds
   *     no {@code saved_model.pb}, TensorFlow cannot load it, or its {@value
   *     InferenceModel#SIGNATURE} signature is missing or not the one described above
   */
  public static SavedModelClassifier load(Path dir) {
    Checks.notNull("dir", dir);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory (expected a SavedModel)");
    }
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          dir + " is not a SavedModel directory: it has no saved_model.pb (kr export writes one)");
    }
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    } catch (TensorFlowException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          dir
              + ": TensorFlow cannot load the SavedModel ("
              + ErrorMessages.firstLine(e.getMessage())
              + ")",
          e);
    }
    try {
      SessionFunction f = function(dir, bundle);
      Signature s = f.signature();
      Shape in = s.getInputs().get(InferenceModel.INPUT).shape;
      Shape out = s.getOutputs().get(InferenceModel.PROBABILITIES).shape;
      InputSpec input = new InputSpec((int) in.get(1), (int) in.get(2), (int) in.get(3));
      return new SavedModelClassifier(bundle, f, input, (int) out.get(1));
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private static SessionFunction function(Path dir, SavedModelBundle bundle) {
    TreeSet<String> keys = new TreeSet<>();
    bundle.signatures().forEach(s -> keys.add(s.key()));
    if (!keys.contains(InferenceModel.SIGNATURE)) {
      throw new IllegalArgumentException(
          dir + ": the SavedModel has no '" + InferenceModel.SIGNATURE + "' signature " + keys);
    }
    SessionFunction f = bundle.function(InferenceModel.SIGNATURE);
    Signature s = f.signature();
    Signature.TensorDescription in = s.getInputs().get(InferenceModel.INPUT);
    Signature.TensorDescription out = s.getOutputs().get(InferenceModel.PROBABILITIES);
    boolean ok =
        in != null
            && in.dataType == DataType.DT_FLOAT
            && in.shape.numDimensions() == 4
            && in.shape.get(1) > 0
            && in.shape.get(2) > 0
            && in.shape.get(3) > 0
            && out != null
            && out.shape.numDimensions() == 2
            && out.shape.get(1) > 0
            && s.getOutputs().containsKey(InferenceModel.LOGITS);
    if (!ok) {
      throw new IllegalArgumentException(
          dir
              + ": signature '"
              + InferenceModel.SIGNATURE
              + "' must take float32 '"
              + InferenceModel.INPUT
              + "' [N, H, W, C] and return '"
              + InferenceModel.LOGITS
              + "' and '"
              + InferenceModel.PROBABILITIES
              + "' [N, classes], got "
              + s);
    }
    return f;
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
  public Outputs classify(float[] pixels, int n) {
    try (TFloat32 t = Batches.tensor(input, pixels, n);
        Result r = function.call(Map.<String, Tensor>of(InferenceModel.INPUT, t))) {
      return new Outputs(
          Batches.rows(output(r, InferenceModel.LOGITS), n),
          Batches.rows(output(r, InferenceModel.PROBABILITIES), n));
    }
  }

  private static TFloat32 output(Result r, String name) {
    return (TFloat32)
        r.get(name)
            .orElseThrow(() -> new IllegalStateException("the SavedModel returned no " + name));
  }

  @Override
  public void close() {
    bundle.close();
  }
}
