package kr.core.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * An intermediate value a layer recorded during a build so that it can be read back after training,
 * e.g. the per-sample kernel coefficients of a dynamic layer for a t-SNE figure ({@link
 * BuildContext#tap}). Recording builds no op; a reader concatenates the parts it needs.
 *
 * @param path the scope path of the layer that recorded it
 * @param kind what it is, e.g. {@code kernel_coefficients}
 * @param parts its pieces, each {@code [B, width]}, in a fixed order
 */
public record Tap<T extends TFloating>(String path, String kind, List<Operand<T>> parts) {
  public Tap {
    Checks.notNull("path", path);
    Checks.notNull("kind", kind);
    parts = List.copyOf(Checks.notNull("parts", parts));
    Checks.check(!parts.isEmpty(), "tap " + kind + " at " + path, "no parts", "needs a part");
  }
}
