package kr.backbones.api;

import java.util.Set;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.model.PixelNormalization;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Where the dynamic kernels of a backbone go, and what they are: static kernels, KR (the paper),
 * CondConv, DyConv, ODConv, WeightNet, WE or DCD. A backbone asks its method for each of its
 * convolutions ({@link #block}, {@link #conv}), for the token-wise linears of each residual block
 * ({@link #linears}), for d_0 ({@link #initialRepresentation}) and for its classifier, and lets the
 * method decide, by the {@link ConvRole}, {@link LinearRole} and {@link BlockSpec}, what to build
 * there:
 *
 * <pre>{@code
 * DynamicKernelMethod m = args.method().withDefaultStep(32);
 * KrState<T> s = new KrState<>(images, m.initialRepresentation(ctx, images, input().normalization()));
 * BlockScope<T> b = m.block(blockCtx, BlockSpec.basic(i, numBlocks), s.x());
 * s = b.conv(blockCtx, "conv1", ConvGeometry.of(in, planes, 3, stride), s, ConvRole.BLOCK);
 * ...
 * LinearScope<T> lin = m.linears(mlpCtx, LinearSpec.mlp(dim, hidden, init), normed, s.d());
 * y = lin.apply(1, gelu(lin.apply(0, normed)));        // d continues as lin.next()
 * ...
 * logits = m.classifier(ctx, pooled, s.d(), ClassifierSpec.of(classes, dropout, init));
 * }</pre>
 *
 * <p>Every role defaults to the static layer, so a method overrides only what it makes dynamic and
 * says so in {@link #sites()}: a backbone whose dynamic kernels sit where the method has none
 * rejects it ({@link BackboneFactory#supports}) rather than silently building a static network.
 * Methods are immutable and cheap; every parameter is declared while the graph is built.
 *
 * <p><b>Adding a method.</b> Implement this interface, then contribute it from a {@link
 * DynamicKernelPlugin}'s Guice module with {@code @ProvidesIntoMap @StringMapKey("my-method")},
 * listed in {@code META-INF/services/kr.backbones.api.DynamicKernelPlugin}. {@link #name()} must
 * equal the key. (KR needs a configuration, so it is built from one rather than registered.)
 */
public interface DynamicKernelMethod {

  /**
   * The registry key, e.g. {@code odconv4x}; for KR the configuration's label, e.g. {@code kr4x}.
   */
  String name();

  /** One line for listings: the paper and what is replaced. */
  String description();

  /**
   * The sites where this method builds dynamic kernels (static kernels fit every site): by default
   * {@link KernelSite#BLOCK_CONVOLUTIONS}, what a method written against {@link #block} and {@link
   * #conv} covers.
   */
  default Set<KernelSite> sites() {
    return Set.of(KernelSite.BLOCK_CONVOLUTIONS);
  }

  /**
   * The softmax temperature schedule this method trains with: {@link TemperatureSchedule#none()}
   * unless the method anneals one (DyConv and ODConv: 30 → 1 over 10 epochs).
   */
  default TemperatureSchedule temperatureSchedule() {
    return TemperatureSchedule.none();
  }

  /**
   * This method for a backbone whose default growth step of d is {@code step} (KR's 32, or 16 for
   * ResNet-50; an explicit step in KR's configuration wins). Methods without d return themselves.
   */
  default DynamicKernelMethod withDefaultStep(int step) {
    return this;
  }

  /**
   * d_0 from the images; {@link KernelRepresentation#none()} unless the method threads d.
   *
   * @param pixels how {@code images} were normalised (the model's {@code input().normalization()}):
   *     d_0 is computed on pixel values
   */
  default <T extends TFloating> KernelRepresentation<T> initialRepresentation(
      BuildContext<T> ctx, Operand<T> images, PixelNormalization pixels) {
    return KernelRepresentation.none();
  }

  /**
   * Opens the scope of one residual block; by default each convolution is {@link #conv} with its
   * role.
   *
   * @param ctx the block's context (e.g. {@code stage4/block2}); block-level parameters such as
   *     CondConv's routing go under it
   * @param blockInput the block's input features [B, H, W, C] (CondConv and WeightNet route on
   *     their global average)
   */
  default <T extends TFloating> BlockScope<T> block(
      BuildContext<T> ctx, BlockSpec spec, Operand<T> blockInput) {
    return this::conv;
  }

  /**
   * One convolution (no bias; the caller adds BN and the activation); outside residual blocks with
   * {@link ConvRole#STEM}, {@link ConvRole#FINAL_1X1} or {@link ConvRole#LAYER}. Static unless the
   * method says otherwise.
   */
  default <T extends TFloating> KrState<T> conv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, KrState<T> s, ConvRole role) {
    return staticConv(ctx, name, geometry, s);
  }

  /**
   * A convolution with bias that is a layer of its own ({@link ConvRole#LAYER}; PoolFormer's
   * downsampling): static by default, a {@link Conv2d} with bias and {@code staticInit} (the
   * parameters {@code name/kernel} and {@code name/bias}).
   */
  default <T extends TFloating> KrState<T> biasedConv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, Init staticInit, KrState<T> s) {
    return s.withX(
        new Conv2d(name, geometry).withBias().withKernelInit(staticInit).apply(ctx, s.x()));
  }

  /**
   * The token-wise linears of one residual block whose normalised input is {@code normed} ([B, N,
   * C]); static {@link kr.core.layers.Linear}s unless the method makes this role dynamic.
   */
  default <T extends TFloating> LinearScope<T> linears(
      BuildContext<T> ctx, LinearSpec spec, Operand<T> normed, KernelRepresentation<T> d) {
    return LinearScope.fixed(ctx, spec, d);
  }

  /**
   * The classifier on the pooled features [B, C]: {@link KrHead} (dropout, then Linear of the
   * features concatenated with d when d is present) unless the method has a dynamic classifier.
   */
  default <T extends TFloating> Operand<T> classifier(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d, ClassifierSpec spec) {
    return new KrHead(spec.name(), spec.numClasses(), spec.dropout(), spec.init())
        .apply(ctx, pooled, d);
  }

  /** The plain convolution (parameter {@code name/kernel}, He normal fan-out), d unchanged. */
  static <T extends TFloating> KrState<T> staticConv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, KrState<T> s) {
    return s.withX(new Conv2d(name, geometry).apply(ctx, s.x()));
  }

  /** A block scope in which every convolution is static. */
  static <T extends TFloating> BlockScope<T> staticBlock() {
    return (c, name, g, s, role) -> staticConv(c, name, g, s);
  }
}
