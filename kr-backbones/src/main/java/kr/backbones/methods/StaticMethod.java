package kr.backbones.methods;

import kr.core.graph.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The baseline: every convolution a plain {@link kr.core.layers.Conv2d}, a Linear classifier.
 * Builds exactly the parameters (and paths) of the static backbones. FLOPs: the convolutions' and
 * the classifier's MACs.
 */
public final class StaticMethod implements DynamicKernelMethod {
  public static final String NAME = "static";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "static kernels (the baseline)";
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(BuildContext<T> ctx, BlockSpec spec,
      Operand<T> blockInput) {
    return DynamicKernelMethod.staticBlock();
  }
}
