package kr.backbones.methods;

import java.util.List;
import kr.backbones.api.BlockKind;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.layers.BatchNorm;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Dropout;
import kr.core.layers.Linear;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.family.TFloating;

/**
 * Dynamic Convolution Decomposition (Li et al., "Revisiting Dynamic Convolution via Matrix
 * Decomposition", ICLR 2021; {@code liyunsheng13/dcd:models/imagenet/resnet_dcd.py}, {@code
 * mobilenetv2_dcd.py}).
 *
 * <p>y = Λ(x)·(W0 ∗ x) + P(BN2(Φ(x)·BN1(Q x)) + BN1(Q x)), where W0 is the static k×k convolution,
 * Q a 1×1 convolution C_in → L with the layer's stride, P a 1×1 convolution L → C_out (no biases),
 * BN1 a 2-D BN over L, BN2 a BN over L applied at every position. The dynamic generator: pooled
 * input → Linear(fin → s, no bias) → SE-small (y·Hsig(Linear(s → s, no bias)(y))) → Φ = Linear(s →
 * L², no bias) as L×L (no activation), Λ = Hsig(Linear(s → C_out, no bias)). Hsig here is
 * relu6(x+3)/3 (range [0, 2], 1 at 0).
 *
 * <p>Sizes, by block kind:
 *
 * <ul>
 *   <li>Bottleneck: GAP, fin = C_in, L = ⌊√C_in⌋, s = max(C_in, L²)//16 (at least 1 here: the
 *       reference would give 0 below 16 channels, which no R50 layer has);
 *   <li>BasicBlock: adaptive average pool to 2×2, fin = 4·C_in, L = ⌊√(4·C_in)⌋, s = max(4·C_in,
 *       L²)//16, at least 4;
 *   <li>MobileNetV2 DYModule (1×1 expand and project of blocks with t ≠ 1 only): if C_in < C_out,
 *       pool 2×2, mul 4, red 8, else pool 1×1, mul 1, red 2; L = min(C_in·mul/red, C_out/red),
 *       doubling red while L² > 2·C_in·mul; L ≥ 4; s = max(C_in·mul, L²)//fcSqueeze, at least 4.
 *       fcSqueeze = 16 reproduces the ×1.0 and ×0.75 recounts (5.72M, 4.08M); ×0.5 recounts to
 *       3.06M with 8 ({@link #withMobileNetFcSqueeze}).
 * </ul>
 *
 * <p>Placement: every ResNet block convolution; MobileNetV2 pointwise expand/project of t ≠ 1
 * blocks (depthwise, t = 1 block, stem, final 1×1 static); shortcuts static. The classifier is
 * DYCls (dim 32): out = Hsig(fc_scale(y))·(Linear x) + cls_p(BN(Φ·BN(cls_q x)) + BN(cls_q x)), y =
 * SE-small(Linear(in → 32)), Φ 32×32 (recounts R18 14.70M, R50 29.84M).
 *
 * <p>Init: convolutions N(0, √(2/(k²·C_out))) (He normal fan-out); BN γ = 1, β = 0; generator
 * linears PyTorch default in ResNets, N(0, 0.01) in MobileNetV2 (so Φ ≈ 0, Λ ≈ 1); DYCls linears
 * use the classifier's init.
 *
 * <p>FLOPs: the DCD cells are not reproducible (a literal count of the official code gives R18
 * 1.885G against 1.84G). This is that literal count: W0, Q and P convolutions, the Φ·r product
 * H'·W'·L² ({@code dcd-phi}) and the generator linears; pooling not counted.
 */
public final class Dcd implements DynamicKernelMethod {
  public static final String NAME = "dcd";
  public static final int DEFAULT_MOBILENET_FC_SQUEEZE = 16;
  public static final int CLASSIFIER_DIM = 32;

  private final int mobileNetFcSqueeze;

  public Dcd() {
    this(DEFAULT_MOBILENET_FC_SQUEEZE);
  }

  private Dcd(int mobileNetFcSqueeze) {
    this.mobileNetFcSqueeze = Checks.positive("fcSqueeze", mobileNetFcSqueeze);
  }

  /** The same method with another MobileNetV2 fc_squeeze (8 for the ×0.5 recount). */
  public Dcd withMobileNetFcSqueeze(int fcSqueeze) {
    return new Dcd(fcSqueeze);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "DCD (ICLR 2021), ResNet block convs, MBv2 pw convs of t!=1 blocks, DYCls";
  }

  /**
   * The sizes of one DCD layer.
   *
   * @param pool side of the adaptive average pool (1 = GAP)
   * @param fin generator input width, pool²·C_in
   * @param latent L
   * @param squeeze s
   */
  public record Sizes(int pool, int fin, int latent, int squeeze) {}

  /** The sizes for a convolution C_in → C_out in a block of this kind. */
  public Sizes sizes(BlockKind kind, int in, int out) {
    return switch (kind) {
      case BOTTLENECK -> {
        int l = (int) Math.sqrt(in);
        yield new Sizes(1, in, l, Math.max(1, Math.max(in, l * l) / 16));
      }
      case BASIC -> {
        int fin = 4 * in;
        int l = (int) Math.sqrt(fin);
        yield new Sizes(2, fin, l, Math.max(4, Math.max(fin, l * l) / 16));
      }
      case INVERTED_RESIDUAL -> {
        boolean grow = in < out;
        int mul = grow ? 4 : 1;
        int red = grow ? 8 : 2;
        int l = Math.min(in * mul / red, out / red);
        while (l * l > in * mul * 2) {
          red *= 2;
          l = Math.min(in * mul / red, out / red);
        }
        l = Math.max(l, 4);
        int s = Math.max(4, Math.max(in * mul, l * l) / mobileNetFcSqueeze);
        yield new Sizes(grow ? 2 : 1, in * mul, l, s);
      }
    };
  }

  /** Whether the convolution of this role in this block is a DCD layer. */
  public boolean covers(BlockSpec spec, ConvRole role) {
    if (spec.kind().resnet()) {
      return role == ConvRole.BLOCK;
    }
    return spec.expansion() != 1 && (role == ConvRole.EXPAND || role == ConvRole.PROJECT);
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(
      BuildContext<T> ctx, BlockSpec spec, Operand<T> blockInput) {
    return (c, name, g, s, role) ->
        covers(spec, role)
            ? s.withX(layer(c, name, g, s.x(), spec.kind()))
            : DynamicKernelMethod.staticConv(c, name, g, s);
  }

  /**
   * One DCD layer: parameters {@code name/{conv,q,p}/kernel}, {@code name/{bn1,bn2}}, {@code
   * name/{fc,se,phi,scale}/kernel}.
   */
  public <T extends TFloating> Operand<T> layer(
      BuildContext<T> ctx, String name, ConvGeometry g, Operand<T> x, BlockKind kind) {
    Checks.check(g.groups() == 1, name + " groups", g.groups(), "must be 1 for DCD");
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.tf();
    Sizes z = sizes(kind, g.in(), g.out());
    int l = z.latent();
    Init linInit = kind.resnet() ? Init.lecunUniform() : Init.normal(0.01);
    // generator
    Operand<T> pooled = MethodOps.adaptiveAvgPool(c, x, z.pool());
    Generator<T> gen = generator(c, pooled, z.squeeze(), l, g.out(), linInit);
    Operand<T> phi = gen.phi();
    Operand<T> scale = gen.scale();
    // static path
    Operand<T> main = new Conv2d("conv", g).apply(c, x);
    long ho = main.shape().get(1);
    long wo = main.shape().get(2);
    main = tf.math.mul(main, tf.reshape(scale, tf.constant(new long[] {-1, 1, 1, g.out()})));
    // dynamic residual: r = BN1(Qx) [B, H', W', L]; z = BN2(r·Φᵀ) + r; P z
    Operand<T> r =
        new BatchNorm("bn1")
            .apply(c, new Conv2d("q", ConvGeometry.of(g.in(), l, 1, g.stride())).apply(c, x));
    Operand<T> rf = tf.reshape(r, tf.constant(new long[] {-1, ho * wo, l}));
    Operand<T> mixed = tf.train.batchMatMul(rf, phi, r.type(), BatchMatMul.adjY(true));
    c.countMacs("dcd-phi", ho * wo * l * l);
    Operand<T> zsum = tf.math.add(new BatchNorm("bn2").apply(c, mixed), rf);
    Operand<T> dyn =
        new Conv2d("p", ConvGeometry.of(l, g.out(), 1, 1))
            .apply(c, tf.reshape(zsum, tf.constant(new long[] {-1, ho, wo, l})));
    return tf.math.add(main, dyn);
  }

  /** Φ [B, L, L] and the output scale [B, out] of one DCD generator. */
  private record Generator<T extends TFloating>(Operand<T> phi, Operand<T> scale) {}

  /**
   * DCD's generator on its input x: y = SEModule_small(fc(x)) of width {@code squeeze}, Φ = phi(y)
   * as [B, L, L] and the scale Hsig(scale(y)) of width {@code out} (parameters {@code
   * {fc,se,phi,scale}/kernel}, built in that order).
   */
  private static <T extends TFloating> Generator<T> generator(
      BuildContext<T> c, Operand<T> x, int squeeze, int latent, int out, Init init) {
    Ops tf = c.tf();
    Operand<T> y = seSmall(c, linear(c, "fc", squeeze, init, x), init);
    Operand<T> phi =
        tf.reshape(
            linear(c, "phi", latent * latent, init, y),
            tf.constant(new long[] {-1, latent, latent}));
    return new Generator<>(phi, MethodOps.hsigmoid3(c, linear(c, "scale", out, init, y)));
  }

  /** DCD's SEModule_small: y·Hsig(Linear(y)), Linear s → s without bias. */
  private static <T extends TFloating> Operand<T> seSmall(
      BuildContext<T> c, Operand<T> y, Init init) {
    int s = (int) y.shape().get(1);
    return c.tf().math.mul(y, MethodOps.hsigmoid3(c, linear(c, "se", s, init, y)));
  }

  /** A Linear without bias: parameter {@code name/kernel}. */
  private static <T extends TFloating> Operand<T> linear(
      BuildContext<T> c, String name, int width, Init init, Operand<T> x) {
    return new Linear(name, width).withoutBias().withKernelInit(init).apply(c, x);
  }

  /** DYCls on the (dropped-out) pooled features. */
  @Override
  public <T extends TFloating> Operand<T> classifier(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d, ClassifierSpec spec) {
    BuildContext<T> c = ctx.child(spec.name());
    Ops tf = c.tf();
    Operand<T> x = d.isPresent() ? tf.concat(List.of(pooled, d.value()), tf.constant(1)) : pooled;
    x = new Dropout("dropout", spec.dropout()).apply(c, x);
    int dim = CLASSIFIER_DIM;
    Init init = spec.init();
    Generator<T> gen = generator(c, x, dim, dim, spec.numClasses(), init);
    Operand<T> phi = gen.phi();
    Operand<T> scale = gen.scale();
    Operand<T> main = new Linear("cls", spec.numClasses()).withKernelInit(init).apply(c, x);
    Operand<T> q = new BatchNorm("bn1").apply(c, linear(c, "cls_q", dim, init, x));
    // Φ·q per sample: [B, dim, dim]·[B, dim, 1]
    Operand<T> pq =
        tf.reshape(
            tf.train.batchMatMul(phi, tf.expandDims(q, tf.constant(2)), q.type()),
            tf.constant(new long[] {-1, dim}));
    c.countMacs("dcd-phi", (long) dim * dim);
    Operand<T> zsum = tf.math.add(new BatchNorm("bn2").apply(c, pq), q);
    Operand<T> dyn = linear(c, "cls_p", spec.numClasses(), init, zsum);
    return tf.math.add(tf.math.mul(scale, main), dyn);
  }
}
