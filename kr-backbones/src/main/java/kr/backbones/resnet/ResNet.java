package kr.backbones.resnet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.backbones.api.AbstractBackbone;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.backbones.api.Variants;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrConfig;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Padding;
import kr.core.layers.Pooling;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * ResNet (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016) with kernel
 * representation on every convolution inside the residual blocks, as the paper's Table 4 (§4.3) and
 * ODConv's {@code models/od_resnet.py} place their dynamic convolutions.
 *
 * <p>Architecture (torchvision {@code resnet.py} layout, NHWC):
 *
 * <ul>
 *   <li>stem: 7×7/2 conv (64) + BN + ReLU + 3×3/2 max-pool, padding 3 and 1 (PyTorch-style). The
 *       stem is static in KR models too (paper §3.3: "except for the first stem");
 *   <li>four stages of {@link Block#BASIC BasicBlocks} (3×3, 3×3) or {@link Block#BOTTLENECK
 *       Bottlenecks} (1×1, 3×3, 1×1 with expansion 4); the first block of stages 2–4 downsamples by
 *       2. Every block conv is a {@link KrConv2d}: static when KR is off, else one KR unit plus a
 *       dynamic conv, d growing by {@code step} per conv (§4.1: 32 for ResNet-18, 16 for ResNet-50;
 *       {@link KrConfig#stepOr});
 *   <li>the downsample shortcut (1×1 conv + BN, when the shape changes) stays static, as in ODConv;
 *   <li>head: GAP, then {@link kr.core.kr.KrHead}: Linear(cat[GAP, d]) (static: Linear(GAP)).
 * </ul>
 *
 * <p><b>Dynamic-kernel baselines.</b> Every convolution and the classifier are built through a
 * {@link DynamicKernelMethod} ({@link BackboneArgs#method()}, given the architecture's step with
 * {@link DynamicKernelMethod#withDefaultStep}): KR is as configured above ({@code KrMethod}, same
 * parameters and FLOPs as a direct {@link KrConv2d} build); static kernels and every baseline
 * ({@code condconv}, {@code dyconv}, {@code odconv1x}, {@code odconv4x}, {@code weightnet}, {@code
 * we}, {@code dcd}) decide per {@link ConvRole} (stem, block conv, shortcut) what to build, as in
 * the respective reference code. The dynamic kernels sit in {@link KernelSite#BLOCK_CONVOLUTIONS},
 * which every registered method covers.
 *
 * <p>d_0 comes from the input images ({@link InitialRepresentation}: low-frequency DFT magnitudes
 * projected to 64) and is threaded through every block, shortcut included (the shortcut leaves d
 * unchanged).
 *
 * <p><b>Bottleneck stride.</b> {@link Layout#V1} is the original ResNet: the stride sits on the
 * first 1×1 conv of each downsampling bottleneck; this is what the paper's (and ODConv's printed)
 * 3.86G counts. {@link Layout#V1_5} (torchvision, the ODConv code) puts it on the 3×3 conv and
 * costs 4.09G. Both are registered: {@code resnet50} = v1, {@code resnet50-v1.5}.
 *
 * <p><b>Options.</b> {@link ResNetArgs#zeroInitResidual()} initialises γ of the last BN of every
 * residual branch to 0 (Goyal et al.; torchvision's {@code zero_init_residual}); off by default, as
 * in torchvision and ODConv. Dropout before the classifier: {@link BackboneArgs#dropout()} when
 * given (0 = none), else the variant's default (0).
 *
 * <p><b>Small inputs.</b> The ImageNet variants build the same architecture at any {@link
 * InputSpec}; at 32×32 their stem leaves 8×8 maps and the last stage works on 1×1. The {@code
 * -cifar} variants ({@link Stem#CIFAR}) are the usual CIFAR adaptation (He et al. §4.2; the common
 * PyTorch CIFAR ports): a 3×3 stride-1 stem and no max-pool, so the four stages work on 32, 16, 8
 * and 4 pixels at 32×32 (28, 14, 7, 4 at 28×28); the blocks and the KR placement are unchanged (the
 * stem stays static). They default to 32×32 RGB. Grayscale inputs are not replicated to RGB: the
 * stem is built with the input's channel count, and d_0 projects the single channel's 64 frequency
 * magnitudes (see {@link InitialRepresentation}).
 */
public final class ResNet extends AbstractBackbone {

  /** The residual block type. */
  public enum Block {
    /** Two 3×3 convolutions (ResNet-18/34). */
    BASIC(1),
    /** 1×1 reduce, 3×3, 1×1 expand ×4 (ResNet-50/101/152). */
    BOTTLENECK(4);

    private final int expansion;

    Block(int expansion) {
      this.expansion = expansion;
    }

    public int expansion() {
      return expansion;
    }
  }

  /** The stem before the first stage. */
  public enum Stem {
    /** 7×7 stride-2 conv + BN + ReLU + 3×3 stride-2 max-pool: ImageNet, 4× downsampling. */
    IMAGENET(7, 2, true),
    /** 3×3 stride-1 conv + BN + ReLU, no max-pool: the CIFAR adaptation for 28–32 pixel inputs. */
    CIFAR(3, 1, false);

    private final int kernel;
    private final int stride;
    private final boolean maxPool;

    Stem(int kernel, int stride, boolean maxPool) {
      this.kernel = kernel;
      this.stride = stride;
      this.maxPool = maxPool;
    }

    /** Side of the stem convolution's kernel. */
    public int kernel() {
      return kernel;
    }

    /** Stride of the stem convolution. */
    public int stride() {
      return stride;
    }

    /** Whether a 3×3 stride-2 max-pool follows. */
    public boolean maxPool() {
      return maxPool;
    }
  }

  /** Where a downsampling bottleneck puts its stride (ignored by basic blocks). */
  public enum Layout {
    /** Original ResNet v1: stride on the first 1×1 conv (the paper's 3.86G ResNet-50). */
    V1,
    /** torchvision / ODConv "v1.5": stride on the 3×3 conv (4.09G). */
    V1_5
  }

  /**
   * The architecture of one ResNet variant.
   *
   * @param block basic or bottleneck
   * @param depths blocks per stage
   * @param widths per-stage planes (bottleneck outputs are {@code 4 × planes})
   * @param layout bottleneck stride placement
   * @param stem ImageNet (7×7/2 + max-pool) or CIFAR (3×3/1) stem
   * @param stemWidth output channels of the stem
   * @param defaultStep growth of d per KR conv when {@link KrConfig#step()} is unset
   * @param zeroInitResidual γ = 0 on the last BN of each residual branch
   * @param dropout default dropout before the classifier
   */
  public record ResNetArgs(
      Block block,
      List<Integer> depths,
      List<Integer> widths,
      Layout layout,
      Stem stem,
      int stemWidth,
      int defaultStep,
      boolean zeroInitResidual,
      double dropout) {

    public static final int DEFAULT_STEM_WIDTH = 64;

    public ResNetArgs {
      Checks.notNull("block", block);
      depths = List.copyOf(Checks.notNull("depths", depths));
      widths = List.copyOf(Checks.notNull("widths", widths));
      Checks.check(!depths.isEmpty(), "depths", depths, "must not be empty");
      Checks.check(
          depths.size() == widths.size(),
          "widths",
          widths,
          "must have one entry per stage (" + depths.size() + ")");
      depths.forEach(d -> Checks.positive("stage depth", d));
      widths.forEach(w -> Checks.positive("stage width", w));
      Checks.notNull("layout", layout);
      Checks.notNull("stem", stem);
      Checks.positive("stemWidth", stemWidth);
      Checks.positive("defaultStep", defaultStep);
      Checks.inRange("dropout", dropout, 0, 0.999);
    }

    /** Standard ResNet defaults: 64-wide ImageNet stem, v1 layout, no zero-init, no dropout. */
    public static ResNetArgs of(
        Block block, List<Integer> depths, List<Integer> widths, int defaultStep) {
      return new ResNetArgs(
          block,
          depths,
          widths,
          Layout.V1,
          Stem.IMAGENET,
          DEFAULT_STEM_WIDTH,
          defaultStep,
          false,
          0);
    }

    public ResNetArgs withLayout(Layout l) {
      return new ResNetArgs(
          block, depths, widths, l, stem, stemWidth, defaultStep, zeroInitResidual, dropout);
    }

    public ResNetArgs withStem(Stem s) {
      return new ResNetArgs(
          block, depths, widths, layout, s, stemWidth, defaultStep, zeroInitResidual, dropout);
    }

    public ResNetArgs withZeroInitResidual(boolean z) {
      return new ResNetArgs(
          block, depths, widths, layout, stem, stemWidth, defaultStep, z, dropout);
    }

    public ResNetArgs withDropout(double rate) {
      return new ResNetArgs(
          block, depths, widths, layout, stem, stemWidth, defaultStep, zeroInitResidual, rate);
    }

    public ResNetArgs withDefaultStep(int step) {
      return new ResNetArgs(
          block, depths, widths, layout, stem, stemWidth, step, zeroInitResidual, dropout);
    }

    /** Channels after the last stage (the pooled feature width). */
    public int numFeatures() {
      return widths.get(widths.size() - 1) * block.expansion();
    }

    /** Convolutions inside the residual blocks (the KR layers when KR is on). */
    public int blockConvs() {
      int perBlock = block == Block.BASIC ? 2 : 3;
      return depths.stream().mapToInt(Integer::intValue).sum() * perBlock;
    }
  }

  private static final List<Integer> R18 = List.of(2, 2, 2, 2);
  private static final List<Integer> R50 = List.of(3, 4, 6, 3);
  private static final List<Integer> WIDE = List.of(64, 128, 256, 512);

  /** Suffix of the CIFAR-stem variants ({@code resnet18-cifar}). */
  public static final String CIFAR_SUFFIX = "-cifar";

  /** The registered variants: name → architecture. */
  public static final Map<String, ResNetArgs> VARIANTS;

  static {
    Map<String, ResNetArgs> v = new LinkedHashMap<>();
    v.put("resnet18", ResNetArgs.of(Block.BASIC, R18, WIDE, 32));
    v.put("resnet18-slim", ResNetArgs.of(Block.BASIC, R18, List.of(64, 128, 192, 256), 32));
    v.put("resnet50", ResNetArgs.of(Block.BOTTLENECK, R50, WIDE, 16));
    v.put("resnet50-v1.5", ResNetArgs.of(Block.BOTTLENECK, R50, WIDE, 16).withLayout(Layout.V1_5));
    // CIFAR adaptations of the above (3x3 stride-1 stem, no max-pool) for 28-32 pixel inputs.
    for (String name : List.copyOf(v.keySet())) {
      v.put(name + CIFAR_SUFFIX, v.get(name).withStem(Stem.CIFAR));
    }
    VARIANTS = Collections.unmodifiableMap(v);
  }

  private final ResNetArgs arch;

  private ResNet(String name, ResNetArgs arch, BackboneArgs args) {
    super(
        name,
        args,
        Checks.notNull("arch", arch).defaultStep(),
        arch.dropout(),
        Init.lecunUniform());
    this.arch = arch;
  }

  /** A ResNet of any architecture (e.g. a {@link #VARIANTS} entry with overrides). */
  public static ResNet create(String name, ResNetArgs arch, BackboneArgs args) {
    return new ResNet(name, arch, args);
  }

  /** The registered variant {@code variant}. */
  public static ResNet create(String variant, BackboneArgs args) {
    return create(variant, variant(variant), args);
  }

  /** The architecture of a registered variant; an unknown name lists the known ones. */
  public static ResNetArgs variant(String variant) {
    return Variants.get(VARIANTS, "ResNet", variant);
  }

  /**
   * A factory for the registered variant {@code variant} (ImageNet 224 RGB by default, CIFAR 32 RGB
   * for the CIFAR stem).
   */
  public static BackboneFactory factory(String variant) {
    ResNetArgs a = variant(variant);
    String description =
        String.format(
            "ResNet %s %s, widths %s%s, KR step %d%s",
            a.block(),
            a.depths(),
            a.widths(),
            a.block() == Block.BOTTLENECK ? ", " + a.layout() : "",
            a.defaultStep(),
            a.stem() == Stem.CIFAR ? ", CIFAR stem (3x3/1, no max-pool)" : "");
    return BackboneFactory.of(
        variant,
        a.stem() == Stem.CIFAR ? InputSpec.cifar() : InputSpec.imagenet(),
        description,
        Set.of(KernelSite.BLOCK_CONVOLUTIONS),
        args -> ResNet.create(variant, a, args));
  }

  public ResNetArgs arch() {
    return arch;
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    long[] dims = input().checkImages(images);
    DynamicKernelMethod m = method();
    KernelRepresentation<T> d0 = m.initialRepresentation(ctx, images, input().normalization());
    BuildContext<T> stem = ctx.child("stem");
    Stem kind = arch.stem();
    KrState<T> s =
        m.conv(
            stem,
            "conv",
            ConvGeometry.of((int) dims[3], arch.stemWidth(), kind.kernel(), kind.stride()),
            new KrState<>(images, d0),
            ConvRole.STEM);
    Operand<T> x = Activation.RELU.apply(stem, new BatchNorm("bn").apply(stem, s.x()));
    s = s.withX(kind.maxPool() ? Pooling.max("pool", 3, 2, Padding.of(1)).apply(stem, x) : x);
    int in = arch.stemWidth();
    int count = arch.depths().stream().mapToInt(Integer::intValue).sum();
    int index = 0;
    for (int stage = 0; stage < arch.depths().size(); stage++) {
      BuildContext<T> sc = ctx.child("stage" + (stage + 1));
      int planes = arch.widths().get(stage);
      for (int b = 0; b < arch.depths().get(stage); b++) {
        int stride = stage > 0 && b == 0 ? 2 : 1;
        BuildContext<T> bc = sc.child("block" + (b + 1));
        s =
            arch.block() == Block.BASIC
                ? basic(bc, m, BlockSpec.basic(index++, count), s, in, planes, stride)
                : bottleneck(bc, m, BlockSpec.bottleneck(index++, count), s, in, planes, stride);
        in = planes * arch.block().expansion();
      }
    }
    return s.withX(Pooling.globalAverage(ctx, s.x()));
  }

  private <T extends TFloating> KrState<T> basic(
      BuildContext<T> c,
      DynamicKernelMethod m,
      BlockSpec spec,
      KrState<T> in,
      int inC,
      int planes,
      int stride) {
    BlockScope<T> b = m.block(c, spec, in.x());
    KrState<T> s = b.conv(c, "conv1", ConvGeometry.of(inC, planes, 3, stride), in, ConvRole.BLOCK);
    s = s.withX(Activation.RELU.apply(c, new BatchNorm("bn1").apply(c, s.x())));
    s = b.conv(c, "conv2", ConvGeometry.of(planes, planes, 3, 1), s, ConvRole.BLOCK);
    Operand<T> y = lastBn("bn2").apply(c, s.x());
    return residual(c, b, in, y, s, inC, planes, stride);
  }

  private <T extends TFloating> KrState<T> bottleneck(
      BuildContext<T> c,
      DynamicKernelMethod m,
      BlockSpec spec,
      KrState<T> in,
      int inC,
      int planes,
      int stride) {
    BlockScope<T> b = m.block(c, spec, in.x());
    int out = planes * Block.BOTTLENECK.expansion();
    boolean v1 = arch.layout() == Layout.V1;
    KrState<T> s =
        b.conv(c, "conv1", ConvGeometry.of(inC, planes, 1, v1 ? stride : 1), in, ConvRole.BLOCK);
    s = s.withX(Activation.RELU.apply(c, new BatchNorm("bn1").apply(c, s.x())));
    s = b.conv(c, "conv2", ConvGeometry.of(planes, planes, 3, v1 ? 1 : stride), s, ConvRole.BLOCK);
    s = s.withX(Activation.RELU.apply(c, new BatchNorm("bn2").apply(c, s.x())));
    s = b.conv(c, "conv3", ConvGeometry.of(planes, out, 1, 1), s, ConvRole.BLOCK);
    Operand<T> y = lastBn("bn3").apply(c, s.x());
    return residual(c, b, in, y, s, inC, out, stride);
  }

  private BatchNorm lastBn(String name) {
    BatchNorm bn = new BatchNorm(name);
    return arch.zeroInitResidual() ? bn.withZeroGamma() : bn;
  }

  /**
   * relu(branch + shortcut); the shortcut is a 1×1 conv ({@link ConvRole#SHORTCUT}: static for KR
   * and ODConv, dynamic for DyConv) + BN when the shape changes. d continues from the branch.
   */
  private static <T extends TFloating> KrState<T> residual(
      BuildContext<T> c,
      BlockScope<T> b,
      KrState<T> in,
      Operand<T> branch,
      KrState<T> s,
      int inC,
      int outC,
      int stride) {
    Operand<T> shortcut = in.x();
    if (stride != 1 || inC != outC) {
      BuildContext<T> dc = c.child("downsample");
      shortcut =
          new BatchNorm("bn")
              .apply(
                  dc,
                  b.conv(dc, "conv", ConvGeometry.of(inC, outC, 1, stride), in, ConvRole.SHORTCUT)
                      .x());
    }
    return s.withX(Activation.RELU.apply(c, c.tf().math.add(branch, shortcut)));
  }
}
