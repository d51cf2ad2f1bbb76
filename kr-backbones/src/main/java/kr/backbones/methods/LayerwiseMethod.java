package kr.backbones.methods;

import java.util.EnumSet;
import java.util.Set;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.core.graph.BuildContext;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A method that replaces each convolution by a layer of its own ({@link #layer}: attention or
 * reparameterisation on that layer's input or kernel, no block-level routing) and keeps the
 * convolutions of some roles static. Blocks use the default scope: every convolution is {@link
 * #conv} with its role.
 */
abstract class LayerwiseMethod implements DynamicKernelMethod {
  private final Set<ConvRole> staticRoles;

  /** A method whose convolutions of {@code staticRoles} stay static. */
  LayerwiseMethod(ConvRole first, ConvRole... rest) {
    this.staticRoles = EnumSet.of(first, rest);
  }

  @Override
  public final <T extends TFloating> KrState<T> conv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, KrState<T> s, ConvRole role) {
    if (staticRoles.contains(role)) {
      return DynamicKernelMethod.staticConv(ctx, name, geometry, s);
    }
    return s.withX(layer(ctx, name, geometry, s.x()));
  }

  /** The method's layer for one convolution of {@code geometry} on x, parameters under name. */
  public abstract <T extends TFloating> Operand<T> layer(
      BuildContext<T> ctx, String name, ConvGeometry geometry, Operand<T> x);
}
