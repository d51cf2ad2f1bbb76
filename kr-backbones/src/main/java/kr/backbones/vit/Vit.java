package kr.backbones.vit;

import java.util.ArrayList;
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
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.DropPath;
import kr.core.layers.LayerNorm;
import kr.core.layers.Padding;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Vision Transformer, DeiT style (pre-norm blocks, class token, learned position embedding, GELU
 * MLP of ratio 4, LayerNorm ε = 1e-6, truncated-normal(0.02) linears), with kernel representation.
 *
 * <p>References: Dosovitskiy et al., "An Image is Worth 16x16 Words", ICLR 2021; Touvron et al.,
 * "Training data-efficient image transformers" (DeiT), ICML 2021; reference implementation timm
 * {@code timm/models/vision_transformer.py} ({@code VisionTransformer}, {@code Block}, {@code
 * Attention}). KR: Zhou &amp; Ng, "Kernel Representation for Dynamic Networks", §3–4, Tables 1, 2,
 * 6, 7.
 *
 * <p>KR placement (paper §4.1–4.2, docs/method-readings.md): each residual block — attention
 * ({@code qkv}, {@code proj}) and MLP ({@code fc1}, {@code fc2}) — is one KR unit whose two linears
 * are dynamic (KR's {@link DynamicKernelMethod#linears}); the unit's pooled input is the mean over
 * all tokens (class token included) of the block's normalised input, and d grows by {@code
 * kr.stepOr(32)} per residual block, i.e. 64 per transformer layer ("64 for every Transformer
 * block", §4.4), so a 12-layer ViT ends with dim d = 64 + 24·32 = 832. The coefficients of {@code
 * proj} are predicted with those of {@code qkv} from the block input (one unit per block). The
 * parameter-free softmax(QKᵀ/√d_h)V is unchanged; its two products are counted as 2·N²·dim MACs per
 * layer ("attention" in the ledger). The patch embedding is the static stem (a k = p, stride p
 * convolution with bias); d_0 comes from the image ({@link InitialRepresentation}); the head is
 * {@link KrHead} on cat[class token after the final LayerNorm, d]. Stochastic depth ({@link
 * BackboneArgs#dropPath()}, timm's {@code drop_path_rate}): block i of L drops both its residual
 * branches with rate {@code rate·i/(L−1)} ({@link DropPath}); 0 by default, and the recipes give
 * 0.1 to static baselines and 0 to dynamic models (paper §4.1: "we disable drop path for our
 * dynamic networks").
 *
 * <p>Variants ({@link #VARIANTS}): Tiny and Small are DeiT's; Nano is Tiny with 128 channels (paper
 * §4.2). The paper does not give Nano's heads; 128 is not divisible by Tiny's 3, so Nano keeps
 * DeiT's head width 64 with 2 heads (heads do not change FLOPs). Names without a suffix pick the
 * patch from the input (16 at ≥ 224, 4 below: Table 1 at 224, Table 2 at 32×32 with 4×4 patches);
 * {@code -cifar} names fix patch 4 and default to 32×32 input.
 *
 * <p>Methods ({@link BackboneArgs#method()}): every linear is built by the {@link
 * DynamicKernelMethod} ({@link DynamicKernelMethod#linears}, {@link LinearRole#ATTENTION} for
 * qkv/proj, {@link LinearRole#MLP} for fc1/fc2; {@link #SITES}): static, KR, and the ODConv
 * baseline of Table 1, {@code odconv1x}/{@code odconv4x} ("we reproduced ODConv on ViTs by
 * replacing the linear layers to 1×1 dynamic ODConv"); the convolution-only methods are rejected.
 * Reading: only the MLP linears {@code fc1} and {@code fc2} of every block become 1×1 ODConv
 * ({@code OdConv#linear}: attention from the mean of that linear's own input tokens; channel,
 * filter and, for n = 4, kernel attention; He-fan-out attention FCs, the n kernels
 * truncated-normal(0.02) like the static linears, static bias); {@code qkv}/{@code proj}, the patch
 * embedding and the head stay static. The FLOPs decide it (ImageNet 224, ODConv's (2n+1)·|W| + ATT
 * + GAP convention): fc1/fc2 only gives Nano 0.620G / Tiny 1.289G / Small 4.736G against the
 * paper's 0.62 / 1.28 / 4.70G (−0.05%, +0.7%, +0.75%), all four linears 0.628 / 1.306 / 4.802G
 * (+1.2%, +2.0%, +2.2%); both fit 3%, but fc1/fc2 is closer on every cell and is the task's
 * "replaces the MLP linears as 1×1 convs". (ODConv 1×, same reading: 0.609 / 1.264 / 4.636G; the
 * paper gives no 1× ViT cell.) The all-four reading is there too, as the methods {@code
 * odconv1x-all} / {@code odconv4x-all} ({@code OdConv#allLinears}), and {@code kr flops --table 1}
 * prints it beside each ODConv row; fc1/fc2 stays the default ({@code odconv4x}, Table 1's rows)
 * because it is the closer count on every cell.
 */
public final class Vit extends AbstractBackbone {

  /** Growth of d per residual block (paper §4.1). */
  public static final int DEFAULT_KR_STEP = 32;

  public static final double LAYER_NORM_EPS = 1e-6;
  public static final double INIT_STD = 0.02;

  /** Where the dynamic kernels go: the token-wise linears (the patch embedding stays static). */
  public static final Set<KernelSite> SITES = Set.of(KernelSite.TOKEN_LINEARS);

  /** The variant table: name → architecture. */
  public static final Map<String, VitArgs> VARIANTS = variants();

  private static Map<String, VitArgs> variants() {
    Map<String, VitArgs> m = new LinkedHashMap<>();
    m.put("vit-nano", new VitArgs(VitArgs.AUTO_PATCH, 128, 12, 2));
    m.put("vit-tiny", new VitArgs(VitArgs.AUTO_PATCH, 192, 12, 3));
    m.put("vit-small", new VitArgs(VitArgs.AUTO_PATCH, 384, 12, 6));
    m.put("vit-nano-cifar", new VitArgs(VitArgs.SMALL_INPUT_PATCH, 128, 12, 2));
    m.put("vit-tiny-cifar", new VitArgs(VitArgs.SMALL_INPUT_PATCH, 192, 12, 3));
    // A CI-sized variant for the registry contract test.
    m.put("test-vit", new VitArgs(VitArgs.SMALL_INPUT_PATCH, 32, 2, 2));
    return Collections.unmodifiableMap(m);
  }

  private final VitArgs args;
  private final double dropPath;

  /**
   * @param variant the name this model is reported under (e.g. {@code vit-nano})
   * @param args the architecture; an {@link VitArgs#AUTO_PATCH} patch is resolved from the input
   */
  public Vit(String variant, VitArgs args, BackboneArgs backbone) {
    super(variant, backbone, SITES, DEFAULT_KR_STEP, 0, Init.truncatedNormal(INIT_STD));
    this.args = Checks.notNull("args", args).resolve(input());
    this.dropPath = backbone.dropPath();
  }

  /** The registered variant {@code variant} built with {@code backbone}. */
  public static Vit create(String variant, BackboneArgs backbone) {
    return new Vit(variant, Variants.get(VARIANTS, "ViT", variant), backbone);
  }

  /** The factory registered under {@code variant}. */
  public static BackboneFactory factory(String variant) {
    VitArgs a = Variants.get(VARIANTS, "ViT", variant);
    InputSpec def =
        a.patch() == VitArgs.AUTO_PATCH || a.patch() >= VitArgs.IMAGENET_PATCH
            ? InputSpec.imagenet()
            : InputSpec.cifar();
    String patch =
        a.patch() == VitArgs.AUTO_PATCH ? "patch 16 at >=224, 4 below" : "patch " + a.patch();
    String description =
        String.format(
            "ViT %s: dim %d, %d layers, %d heads, %s (DeiT; KR: 2 "
                + "dynamic linears per residual block)",
            variant, a.dim(), a.depth(), a.heads(), patch);
    return BackboneFactory.of(
        variant, def, description, SITES, true, backbone -> new Vit(variant, a, backbone));
  }

  /** The resolved architecture (concrete patch size). */
  public VitArgs args() {
    return args;
  }

  /** Width of the pooled features before the head (without d). */
  public int numFeatures() {
    return args.dim();
  }

  /** Tokens per image, class token included. */
  public int tokens() {
    return args.patches(input()) + 1;
  }

  /** The class token after the final LayerNorm [B, dim] and the final d. */
  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    KrState<T> s = tokens(ctx, images);
    Operand<T> cls = ctx.tf().stridedSlice(s.x(), Indices.all(), Indices.at(0), Indices.all());
    return s.withX(ctx.tf().reshape(cls, ctx.tf().constant(new long[] {-1, args.dim()})));
  }

  /**
   * Images [B, H, W, C] → tokens after the final LayerNorm [B, N + 1, dim] (class token first) and
   * the final kernel representation.
   */
  public <T extends TFloating> KrState<T> tokens(BuildContext<T> ctx, Operand<T> images) {
    long[] dims = BuildContext.staticDims(images, "images");
    Checks.check(
        dims.length == 4
            && dims[1] == input().height()
            && dims[2] == input().width()
            && dims[3] == input().channels(),
        "images",
        images.shape(),
        "must be [B, "
            + input().height()
            + ", "
            + input().width()
            + ", "
            + input().channels()
            + "]");
    KernelRepresentation<T> d =
        method().initialRepresentation(ctx, images, input().normalization());
    KrState<T> s = new KrState<>(embed(ctx, images), d);
    for (int i = 0; i < args.depth(); i++) {
      BuildContext<T> block = ctx.child("block" + i);
      DropPath drop = new DropPath("drop_path", DropPath.linearRate(dropPath, args.depth(), i));
      s = attentionBlock(block, s, drop);
      s = mlpBlock(block, s, drop);
    }
    return s.withX(new LayerNorm("norm", LAYER_NORM_EPS).apply(ctx, s.x()));
  }

  /** Patch embedding (static stem), class token and position embedding: [B, N + 1, dim]. */
  private <T extends TFloating> Operand<T> embed(BuildContext<T> ctx, Operand<T> images) {
    Ops tf = ctx.tf();
    int p = args.patch();
    long dim = args.dim();
    long n = args.patches(input());
    ConvGeometry g = new ConvGeometry(input().channels(), args.dim(), p, p, Padding.VALID, 1);
    // PyTorch's default Conv2d init, as timm leaves the patch projection.
    Operand<T> x =
        new Conv2d("patch_embed", g)
            .withBias()
            .withKernelInit(Init.lecunUniform())
            .apply(ctx, images);
    x = tf.reshape(x, tf.constant(new long[] {-1, n, dim}));
    Operand<T> cls =
        ctx.param(
            "cls_token",
            ParamSpec.trainable(new long[] {1, 1, dim}, dim, dim, Init.truncatedNormal(INIT_STD)));
    Operand<TInt32> batch =
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<T> clsTokens =
        tf.reshape(
            tf.tile(cls, tf.concat(List.of(batch, tf.constant(new int[] {1, 1})), tf.constant(0))),
            tf.constant(new long[] {-1, 1, dim}));
    x = tf.concat(List.of(clsTokens, x), tf.constant(1));
    Operand<T> pos =
        ctx.param(
            "pos_embed",
            ParamSpec.trainable(
                new long[] {1, n + 1, dim}, dim, dim, Init.truncatedNormal(INIT_STD)));
    return tf.math.add(x, pos);
  }

  /** x + proj(attention(qkv(LN(x)))): one KR unit. */
  private <T extends TFloating> KrState<T> attentionBlock(
      BuildContext<T> ctx, KrState<T> s, DropPath drop) {
    BuildContext<T> c = ctx.child("attn");
    int dim = args.dim();
    Operand<T> y = new LayerNorm("norm", LAYER_NORM_EPS).apply(c, s.x());
    LinearScope<T> lin =
        method().linears(c, LinearSpec.attention(dim, Init.truncatedNormal(INIT_STD)), y, s.d());
    Operand<T> o = drop.apply(c, lin.apply(1, selfAttention(c, lin.apply(0, y))));
    return new KrState<>(c.tf().math.add(s.x(), o), lin.next());
  }

  /** x + fc2(GELU(fc1(LN(x)))): one KR unit. */
  private <T extends TFloating> KrState<T> mlpBlock(
      BuildContext<T> ctx, KrState<T> s, DropPath drop) {
    BuildContext<T> c = ctx.child("mlp");
    int dim = args.dim();
    int hidden = args.hidden();
    Operand<T> y = new LayerNorm("norm", LAYER_NORM_EPS).apply(c, s.x());
    LinearScope<T> lin =
        method().linears(c, LinearSpec.mlp(dim, hidden, Init.truncatedNormal(INIT_STD)), y, s.d());
    Operand<T> h = Activation.GELU.apply(c, lin.apply(0, y));
    return new KrState<>(c.tf().math.add(s.x(), drop.apply(c, lin.apply(1, h))), lin.next());
  }

  /**
   * softmax(QKᵀ/√d_h)V per head: qkv [B, N, 3·dim] → [B, N, dim]. The heads are cut out of qkv by
   * one Split along the channels (its gradient is one Concat) and joined by one Concat, so no
   * tensor is transposed: each head's products are batched over the images, [N, d_h]·[d_h, N] and
   * [N, N]·[N, d_h], the same products as a [B·heads]-batched layout.
   */
  private <T extends TFloating> Operand<T> selfAttention(BuildContext<T> c, Operand<T> qkv) {
    Ops tf = c.tf();
    long n = qkv.shape().get(1);
    long dim = args.dim();
    int heads = args.heads();
    long hd = args.headDim();
    // q of every head, then k, then v: channel blocks of width d_h, in qkv's channel order.
    List<Output<T>> parts = tf.split(tf.constant(2), qkv, 3L * heads).output();
    Operand<T> scale = c.scalar(1.0 / Math.sqrt(hd));
    List<Operand<T>> outs = new ArrayList<>(heads);
    for (int h = 0; h < heads; h++) {
      Operand<T> q = tf.math.mul(parts.get(h), scale);
      Operand<T> scores =
          tf.train.batchMatMul(q, parts.get(heads + h), c.dtype(), BatchMatMul.adjY(true));
      Operand<T> attn = tf.nn.softmax(scores);
      outs.add(tf.train.batchMatMul(attn, parts.get(2 * heads + h), c.dtype()));
    }
    c.countMacs("attention", 2 * n * n * dim);
    return heads == 1 ? outs.get(0) : tf.concat(outs, tf.constant(2));
  }
}
