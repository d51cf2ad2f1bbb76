package kr.backbones.methods;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.kr.KrConfig;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * KR (the seed paper) through the {@link DynamicKernelMethod} interface: every block convolution
 * and the MobileNetV2 final 1×1 is a {@link KrConv2d} growing d by {@code step}; stem and
 * shortcuts stay static; the classifier is {@link kr.core.kr.KrHead} (Linear of cat[GAP, d]). The
 * same placement as {@code ResNet} and {@code MobileNetV2} use today, so switching a backbone to
 * this interface keeps its KR parameters and FLOPs. Built with {@link
 * DynamicKernelMethods#kr(KrConfig, int)}; not in the name registry (it needs the configuration).
 */
public final class KrMethod implements DynamicKernelMethod {
  private final KrConfig config;
  private final int step;

  KrMethod(KrConfig config, int step) {
    this.config = Checks.notNull("config", config);
    this.step = Checks.positive("step", step);
  }

  @Override
  public String name() {
    return config.label();
  }

  @Override
  public String description() {
    return "kernel representation (" + config.label() + ", step " + step + ")";
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(BuildContext<T> ctx, BlockSpec spec,
      Operand<T> blockInput) {
    return (c, name, g, s, role) -> conv(c, name, g, s, role);
  }

  @Override
  public <T extends TFloating> KrState<T> conv(BuildContext<T> ctx, String name,
      ConvGeometry geometry, KrState<T> s, ConvRole role) {
    if (role == ConvRole.STEM || role == ConvRole.SHORTCUT) {
      return DynamicKernelMethod.staticConv(ctx, name, geometry, s);
    }
    return new KrConv2d(name, geometry, config, step).apply(ctx, s);
  }
}
