package kr.backbones.methods;

import kr.core.graph.BuildContext;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * One way of turning a backbone's convolutions dynamic (or not): static, CondConv, DyConv, ODConv,
 * WeightNet, WE, DCD, or KR itself ({@link KrMethod}). A backbone asks a method for each of its
 * convolutions and lets the method decide, by the convolution's {@link ConvRole} and its block's
 * {@link BlockSpec}, what to build there:
 *
 * <pre>{@code
 * BlockScope<T> b = method.block(blockCtx, BlockSpec.basic(i, numBlocks), s.x());
 * s = b.conv(blockCtx, "conv1", ConvGeometry.of(in, planes, 3, stride), s, ConvRole.BLOCK);
 * ... BN, ReLU, conv2 ...
 * shortcut = b.conv(blockCtx, "downsample", ConvGeometry.of(in, out, 1, stride), s0,
 *     ConvRole.SHORTCUT).x();   // then BN
 * ...
 * s = method.conv(finalCtx, "conv", ConvGeometry.of(in, 1280, 1, 1), s, ConvRole.FINAL_1X1);
 * logits = method.classifier(ctx, pooled, s.d(), ClassifierSpec.of(classes, dropout, init));
 * }</pre>
 *
 * <p>Methods are immutable and cheap; every parameter is declared while the graph is built.
 *
 * <p><b>Adding a method.</b> Implement this interface (a static role falls back to {@link
 * #staticConv}), then contribute it from a {@link DynamicKernelPlugin}'s Guice module with {@code
 * @ProvidesIntoMap @StringMapKey("my-method")}, listed in {@code
 * META-INF/services/kr.backbones.methods.DynamicKernelPlugin}. {@link #name()} must equal the key.
 */
public interface DynamicKernelMethod {

  /** The registry key, e.g. {@code odconv4x}. */
  String name();

  /** One line for listings: the paper and what is replaced. */
  String description();

  /**
   * Opens the scope of one residual block.
   *
   * @param ctx the block's context (e.g. {@code stage4/block2}); block-level parameters such as
   *     CondConv's routing go under it
   * @param blockInput the block's input features [B, H, W, C] (CondConv and WeightNet route on
   *     their global average)
   */
  <T extends TFloating> BlockScope<T> block(BuildContext<T> ctx, BlockSpec spec,
      Operand<T> blockInput);

  /**
   * A convolution outside any residual block ({@link ConvRole#STEM}, {@link
   * ConvRole#FINAL_1X1}). Static unless the method says otherwise.
   */
  default <T extends TFloating> KrState<T> conv(BuildContext<T> ctx, String name,
      ConvGeometry geometry, KrState<T> s, ConvRole role) {
    return staticConv(ctx, name, geometry, s);
  }

  /**
   * The classifier on the pooled features [B, C]: {@link KrHead} (dropout, then Linear of the
   * features concatenated with d when d is present) unless the method has a dynamic classifier.
   */
  default <T extends TFloating> Operand<T> classifier(BuildContext<T> ctx, Operand<T> pooled,
      KernelRepresentation<T> d, ClassifierSpec spec) {
    return new KrHead(spec.name(), spec.numClasses(), spec.dropout(), spec.init())
        .apply(ctx, pooled, d);
  }

  /** The plain convolution (parameter {@code name/kernel}, He normal fan-out), d unchanged. */
  static <T extends TFloating> KrState<T> staticConv(BuildContext<T> ctx, String name,
      ConvGeometry geometry, KrState<T> s) {
    return s.withX(new Conv2d(name, geometry).apply(ctx, s.x()));
  }

  /** A block scope in which every convolution is static. */
  static <T extends TFloating> BlockScope<T> staticBlock() {
    return (c, name, g, s, role) -> staticConv(c, name, g, s);
  }
}
