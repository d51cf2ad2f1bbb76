package kr.backbones.methods;

import java.util.EnumSet;
import java.util.Set;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.core.graph.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The baseline: every convolution a plain {@link kr.core.layers.Conv2d}, every linear a plain
 * {@link kr.core.layers.Linear}, a Linear classifier, no d. Fits every {@link KernelSite}: every
 * backbone builds it. Builds exactly the parameters (and paths) of the static backbones. FLOPs: the
 * convolutions' and linears' MACs. The one way to say "static": {@link #INSTANCE}.
 */
public final class StaticMethod implements DynamicKernelMethod {
  public static final String NAME = "static";

  /** The static method (it has no state). */
  public static final StaticMethod INSTANCE = new StaticMethod();

  private StaticMethod() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "static kernels (the baseline)";
  }

  @Override
  public Set<KernelSite> sites() {
    return EnumSet.allOf(KernelSite.class);
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(
      BuildContext<T> ctx, BlockSpec spec, Operand<T> blockInput) {
    return DynamicKernelMethod.staticBlock();
  }

  @Override
  public String toString() {
    return NAME;
  }
}
