package kr.backbones.poolformer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.backbones.api.AbstractBackbone;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.backbones.api.LinearRole;
import kr.backbones.api.LinearScope;
import kr.backbones.api.LinearSpec;
import kr.backbones.api.Variants;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.DropPath;
import kr.core.layers.GroupNorm;
import kr.core.layers.Padding;
import kr.core.layers.Pooling;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * PoolFormer (MetaFormer with an average-pooling token mixer) with kernel representation.
 *
 * <p>References: Yu et al., "MetaFormer Is Actually What You Need for Vision", CVPR 2022; reference
 * implementation {@code sail-sg/poolformer}, {@code models/poolformer.py} ({@code PoolFormer},
 * {@code PoolFormerBlock}, {@code Pooling}, {@code PatchEmbed}, {@code GroupNorm}). KR: Zhou &amp;
 * Ng, "Kernel Representation for Dynamic Networks", §4.1–4.2, Table 3.
 *
 * <p>Architecture as the reference: a 7×7 stride-4 patch-embedding stem (padding 2, bias), four
 * stages of blocks separated by 3×3 stride-2 patch-embedding downsamplers (padding 1, bias); each
 * block is x + s₁·(AvgPool₃ₓ₃(GN(x)) − GN(x)), then x + s₂·MLP(GN(x)) with GroupNorm of one group
 * ({@link GroupNorm}), the average pool excluding the padding ({@code count_include_pad=False},
 * TF's SAME pooling), layer scales s initialised to 1e-5, MLP = 1×1 fc1, GELU, 1×1 fc2 of ratio 4;
 * final GroupNorm, global average pool, linear head. Stochastic depth ({@link
 * BackboneArgs#dropPath()}): block j of all N blocks drops both its branches with rate {@code
 * rate·j/(N−1)} ({@link DropPath}, as the reference's {@code dpr}); 0 by default (the recipe gives
 * static baselines 0.1 and dynamic models 0, paper §4.1).
 *
 * <p>KR (paper §4.1: "we increase the number of dimensions of the kernel representation by 32 for
 * each MLP and Patch Embedding block"): each MLP is one KR unit whose fc1 and fc2 are dynamic
 * (pooled input = GAP of the block's normalised input), and each downsampling patch embedding is a
 * {@link KrConv2d} (its static bias kept); d grows by {@code kr.stepOr(32)} per unit. Both are
 * built by the {@link DynamicKernelMethod} ({@link DynamicKernelMethod#linears} with {@link
 * LinearRole#MLP}, {@link DynamicKernelMethod#biasedConv}; {@link #SITES}), so static kernels and
 * KR build it and the convolution-only baselines are rejected. The stem is static, the token mixer
 * has no parameters, d_0 comes from the image, and the head is {@link KrHead} on cat[GAP, d]. Init:
 * linears truncated normal 0.02 (as the reference); the stem keeps PyTorch's default conv init, the
 * KR downsamplers the dynamic convolution's (He normal, fan-out).
 *
 * <p><b>Small inputs.</b> {@code poolformer-s12-cifar} replaces the 7×7 stride-4 stem by a 3×3
 * stride-1 one (padding 1, {@link PoolFormerArgs.Stem#CIFAR}); everything after it, the KR
 * placement included, is unchanged, and it defaults to 32×32 RGB. Why stride 1 rather than a
 * stride-2 patch: the four stages then work on 32, 16, 8 and 4 tokens per side (28, 14, 7, 4 at
 * 28×28), exactly as the CIFAR ResNet stem gives ResNet-18, so PoolFormer-S12 and ResNet-18 keep
 * the cost relation they have at 224 (1.81G each there; 0.58G and 0.56G at 32×32); with patch 2 the
 * last stage would be 2×2, where the 3×3 pooling mixer degenerates into a global average.
 */
public final class PoolFormer extends AbstractBackbone {

  /** Growth of d per MLP block and per downsampling patch embedding (paper §4.1). */
  public static final int DEFAULT_KR_STEP = 32;

  public static final double INIT_STD = 0.02;

  /** Where the dynamic kernels go: the MLP linears and the downsampling convolutions. */
  public static final Set<KernelSite> SITES =
      Set.of(KernelSite.TOKEN_LINEARS, KernelSite.LAYER_CONVOLUTIONS);

  /** The variant table: name → architecture. */
  public static final Map<String, PoolFormerArgs> VARIANTS = variants();

  private static Map<String, PoolFormerArgs> variants() {
    Map<String, PoolFormerArgs> m = new LinkedHashMap<>();
    PoolFormerArgs s12 = new PoolFormerArgs(List.of(2, 2, 6, 2), List.of(64, 128, 320, 512));
    m.put("poolformer-s12", s12);
    m.put("poolformer-s12-cifar", s12.withStem(PoolFormerArgs.Stem.CIFAR));
    // A CI-sized variant for the registry contract test.
    m.put("test-poolformer", new PoolFormerArgs(List.of(1, 1), List.of(16, 32)));
    return Collections.unmodifiableMap(m);
  }

  private final PoolFormerArgs args;
  private final double dropPath;

  public PoolFormer(String variant, PoolFormerArgs args, BackboneArgs backbone) {
    super(variant, backbone, SITES, DEFAULT_KR_STEP, 0, Init.truncatedNormal(INIT_STD));
    this.args = Checks.notNull("args", args);
    this.dropPath = backbone.dropPath();
  }

  /** The registered variant {@code variant} built with {@code backbone}. */
  public static PoolFormer create(String variant, BackboneArgs backbone) {
    return new PoolFormer(variant, Variants.get(VARIANTS, "PoolFormer", variant), backbone);
  }

  /** The factory registered under {@code variant}. */
  public static BackboneFactory factory(String variant) {
    PoolFormerArgs a = Variants.get(VARIANTS, "PoolFormer", variant);
    String description =
        String.format(
            "PoolFormer %s: layers %s, widths %s, %dx%d/%d stem (KR on MLPs and "
                + "downsampling patch embeddings)",
            variant,
            a.layers(),
            a.widths(),
            a.stem().kernel(),
            a.stem().kernel(),
            a.stem().stride());
    return BackboneFactory.of(
        variant,
        a.stem().equals(PoolFormerArgs.Stem.IMAGENET) ? InputSpec.imagenet() : InputSpec.cifar(),
        description,
        SITES,
        true,
        backbone -> new PoolFormer(variant, a, backbone));
  }

  public PoolFormerArgs args() {
    return args;
  }

  /** Width of the pooled features before the head (without d). */
  public int numFeatures() {
    return args.widths().get(args.stages() - 1);
  }

  /** The global average of the final map [B, C] and the final d. */
  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    KrState<T> s = featureMap(ctx, images);
    return s.withX(Pooling.globalAverage(ctx, s.x()));
  }

  /** Images → the final map after the last GroupNorm [B, h, w, C] and the final d. */
  public <T extends TFloating> KrState<T> featureMap(BuildContext<T> ctx, Operand<T> images) {
    long[] dims = input().checkImages(images);
    KernelRepresentation<T> d =
        method().initialRepresentation(ctx, images, input().normalization());
    PoolFormerArgs.Stem st = args.stem();
    ConvGeometry stem =
        new ConvGeometry(
            input().channels(),
            args.widths().get(0),
            st.kernel(),
            st.stride(),
            Padding.of(st.padding()),
            1);
    KrState<T> s =
        new KrState<>(
            new Conv2d("stem", stem)
                .withBias()
                .withKernelInit(Init.lecunUniform())
                .apply(ctx, images),
            d);
    int index = 0;
    for (int i = 0; i < args.stages(); i++) {
      if (i > 0) {
        s = downsample(ctx, "down" + i, s, args.widths().get(i - 1), args.widths().get(i));
      }
      BuildContext<T> stage = ctx.child("stage" + i);
      for (int j = 0; j < args.layers().get(i); j++) {
        double rate = DropPath.linearRate(dropPath, args.blocks(), index++);
        s = block(stage.child("block" + j), s, new DropPath("drop_path", rate));
      }
    }
    return s.withX(new GroupNorm("norm").apply(ctx, s.x()));
  }

  /** 3×3 stride-2 patch embedding with bias: static (PyTorch's default init), or a KR layer. */
  private <T extends TFloating> KrState<T> downsample(
      BuildContext<T> ctx, String name, KrState<T> s, int in, int out) {
    return method().biasedConv(ctx, name, ConvGeometry.of(in, out, 3, 2), Init.lecunUniform(), s);
  }

  private <T extends TFloating> KrState<T> block(BuildContext<T> ctx, KrState<T> s, DropPath drop) {
    Ops tf = ctx.tf();
    long[] dims = BuildContext.staticDims(s.x(), "block input");
    int dim = (int) dims[3];
    int hidden = dim * args.mlpRatio();
    Operand<T> x = s.x();

    BuildContext<T> mixer = ctx.child("mixer");
    Operand<T> y = new GroupNorm("norm").apply(mixer, x);
    Operand<T> pooled = Pooling.average("pool", args.poolSize(), 1, Padding.SAME).apply(mixer, y);
    x =
        tf.math.add(
            x, drop.apply(mixer, tf.math.mul(layerScale(mixer, dim), tf.math.sub(pooled, y))));

    BuildContext<T> mlp = ctx.child("mlp");
    y = new GroupNorm("norm").apply(mlp, x);
    Operand<T> tokens = tf.reshape(y, tf.constant(new long[] {-1, dims[1] * dims[2], dim}));
    LinearScope<T> lin =
        method()
            .linears(
                mlp, LinearSpec.mlp(dim, hidden, Init.truncatedNormal(INIT_STD)), tokens, s.d());
    Operand<T> h = lin.apply(1, Activation.GELU.apply(mlp, lin.apply(0, tokens)));
    h = tf.reshape(h, tf.constant(new long[] {-1, dims[1], dims[2], dim}));
    x = tf.math.add(x, drop.apply(mlp, tf.math.mul(layerScale(mlp, dim), h)));
    return new KrState<>(x, lin.next());
  }

  private <T extends TFloating> Operand<T> layerScale(BuildContext<T> ctx, int dim) {
    return ctx.param("layer_scale", ParamSpec.vector(dim, Init.constant(args.layerScale())));
  }
}
