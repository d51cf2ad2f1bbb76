package kr.backbones.api;

import kr.core.graph.BuildContext;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import org.tensorflow.types.family.TFloating;

/**
 * The convolutions of one residual block, built by a {@link DynamicKernelMethod} that may share
 * state across them (CondConv's routing vector, WeightNet's reduced pooled input). Obtained from
 * {@link DynamicKernelMethod#block}; valid for that block only.
 */
@FunctionalInterface
public interface BlockScope<T extends TFloating> {

  /**
   * One convolution of the block (no bias; the caller adds BN and the activation). Parameters go
   * under {@code ctx.path()/name}; a static convolution declares exactly {@code name/kernel}, as
   * {@link kr.core.layers.Conv2d} does. Methods other than KR return {@code s.d()} unchanged.
   */
  KrState<T> conv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, KrState<T> s, ConvRole role);
}
