package kr.core.layers;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** Layers applied one after another under a common name. */
public record Sequential(String name, List<Layer> layers) implements Layer {

  public Sequential {
    Checks.notNull("name", name);
    layers = List.copyOf(Checks.notNull("layers", layers));
  }

  public static Sequential of(String name, Layer... layers) {
    return new Sequential(name, List.of(layers));
  }

  @Override
  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    Operand<T> y = x;
    for (Layer l : layers) {
      y = l.apply(c, y);
    }
    return y;
  }
}
