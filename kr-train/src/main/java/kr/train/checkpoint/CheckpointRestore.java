package kr.train.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import kr.core.graph.Checks;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Sets a graph's float variables from a {@link Checkpoint}'s tensors, matched by path: one
 * placeholder and one assign op per variable, built once with the graph, then run with the
 * checkpoint's values fed. A variable the checkpoint lacks, or one whose shape differs, is a {@link
 * CheckpointMismatchException}; tensors the graph has no variable for (optimizer slots in an
 * inference graph) are ignored.
 */
public final class CheckpointRestore {
  /** Prefix of the weight-EMA shadows a run with a weight EMA checkpoints ({@code ema/<path>}). */
  public static final String EMA_PREFIX = "ema/";

  private final Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
  private final Map<String, Op> assigns = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();

  /**
   * Builds the restore ops (named {@code restore} and {@code restore_assign}) in {@code tf}'s
   * graph.
   *
   * @param variables the variables to restore, by checkpoint path
   */
  public CheckpointRestore(Ops tf, Map<String, Variable<TFloat32>> variables) {
    Checks.notNull("tf", tf);
    for (Map.Entry<String, Variable<TFloat32>> e :
        Checks.notNull("variables", variables).entrySet()) {
      Variable<TFloat32> v = e.getValue();
      Placeholder<TFloat32> feed =
          tf.withName("restore").placeholder(TFloat32.class, Placeholder.shape(v.shape()));
      feeds.put(e.getKey(), feed);
      assigns.put(e.getKey(), tf.withName("restore_assign").assign(v, feed));
      shapes.put(e.getKey(), v.shape().asArray());
    }
  }

  /**
   * Assigns {@code tensors} to the variables in one session run.
   *
   * @param skip paths not to restore (e.g. optimizer slots when evaluating)
   * @throws CheckpointMismatchException if a variable not skipped is missing or its shape differs
   */
  public void run(Session session, Map<String, Checkpoint.Entry> tensors, Predicate<String> skip) {
    Checks.notNull("session", session);
    Checks.notNull("tensors", tensors);
    Checks.notNull("skip", skip);
    List<String> missing = new ArrayList<>();
    Session.Runner r = session.runner();
    List<Tensor> fed = new ArrayList<>();
    try {
      for (Map.Entry<String, long[]> e : shapes.entrySet()) {
        String name = e.getKey();
        if (skip.test(name)) {
          continue;
        }
        Checkpoint.Entry v = tensors.get(name);
        if (v == null) {
          missing.add(name);
          continue;
        }
        if (!Arrays.equals(e.getValue(), v.dims())) {
          throw new CheckpointMismatchException(
              "checkpoint tensor "
                  + name
                  + " has shape "
                  + Arrays.toString(v.dims())
                  + ", the model's is "
                  + Arrays.toString(e.getValue()));
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(v.dims()), DataBuffers.of(v.values(), true, false));
        fed.add(t);
        r.feed(feeds.get(name), t);
        r.addTarget(assigns.get(name));
      }
      if (!missing.isEmpty()) {
        throw new CheckpointMismatchException(
            "checkpoint lacks "
                + missing.size()
                + " variable(s) of this model, e.g. "
                + missing.subList(0, Math.min(5, missing.size()))
                + "; was it written for another model or configuration?");
      }
      r.run().close();
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /**
   * The weights a run evaluated: {@code tensors} with every {@code <path>} that has an EMA shadow
   * {@code ema/<path>} replaced by the shadow (a run with a weight EMA evaluates the average);
   * without shadows, {@code tensors} as they are.
   */
  public static Map<String, Checkpoint.Entry> averagedWeights(
      Map<String, Checkpoint.Entry> tensors) {
    Checks.notNull("tensors", tensors);
    if (tensors.keySet().stream().noneMatch(n -> n.startsWith(EMA_PREFIX))) {
      return tensors;
    }
    Map<String, Checkpoint.Entry> out = new LinkedHashMap<>(tensors);
    tensors.forEach(
        (name, v) -> {
          if (name.startsWith(EMA_PREFIX)) {
            out.put(name.substring(EMA_PREFIX.length()), v);
          }
        });
    return out;
  }
}
