package kr.backbones.mobilenet;

import java.util.ArrayList;
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
import kr.core.kr.KrConv2d;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Pooling;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * MobileNetV2 (Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks", CVPR 2018)
 * with kernel representation, the paper's Table 5 (§4.3). Layout of torchvision's {@code
 * mobilenetv2.py}, KR placement of ODConv's {@code models/od_mobilenetv2.py}:
 *
 * <ul>
 *   <li>stem: 3×3/2 conv + BN + ReLU6, static;
 *   <li>17 inverted residuals (t, c, n, s) = (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2) (6,96,3,1)
 *       (6,160,3,2) (6,320,1,1): 1×1 expand + BN + ReLU6 (absent when t = 1), 3×3 depthwise + BN +
 *       ReLU6, 1×1 linear projection + BN; identity shortcut when stride 1 and the channels match.
 *       Every one of these convs is a {@link KrConv2d} (the t = 1 block included);
 *   <li>final 1×1 conv to 1280 + BN + ReLU6, also a {@link KrConv2d};
 *   <li>head: GAP, dropout (0.2 as ODConv), Linear(cat[GAP, d]) initialised N(0, 0.01).
 * </ul>
 *
 * Channels are {@code c × width} rounded to multiples of 8 ({@link #makeDivisible}, the reference's
 * {@code _make_divisible}); the final conv keeps 1280 channels for width ≤ 1. KR step 16 per conv
 * (§4.1, "ResNet-50 and MobileNets"). d_0 from the input images ({@link InitialRepresentation}).
 * Grayscale inputs: the stem is built with the input's channel count.
 *
 * <p><b>Dynamic-kernel baselines.</b> Every convolution and the classifier are built through a
 * {@link DynamicKernelMethod} ({@link BackboneArgs#method()}, roles STEM, EXPAND, DEPTHWISE,
 * PROJECT, FINAL_1X1): KR is as described above; static kernels and every baseline ({@code
 * odconv1x}, {@code dyconv}, ...) build that method's layers in the same places.
 *
 * <p>Dropout: {@link BackboneArgs#dropout()} when given (0 = none), else {@link
 * MobileNetV2Args#dropout()} (0.2).
 *
 * <p><b>Small inputs.</b> The {@code -cifar} variants are the common CIFAR port (e.g. kuangliu's
 * {@code pytorch-cifar} {@code models/mobilenetv2.py}): a stride-1 stem and the first stride-2
 * stage, (6, 24, 2, 2), made stride 1 ({@link #CIFAR_STAGES}), so a 32×32 input keeps 32×32 through
 * the 24-channel stage and ends at 4×4 (28×28: 4×4 too), where the ImageNet layout would end at
 * 1×1. Everything else, the KR placement included, is unchanged; they default to 32×32 RGB.
 */
public final class MobileNetV2 extends AbstractBackbone {

  /** One row of the inverted-residual table: expansion t, channels c, repeats n, stride s. */
  public record Stage(int expansion, int channels, int repeats, int stride) {
    public Stage {
      Checks.positive("expansion", expansion);
      Checks.positive("channels", channels);
      Checks.positive("repeats", repeats);
      Checks.positive("stride", stride);
    }

    /** The same row with another stride. */
    public Stage withStride(int s) {
      return new Stage(expansion, channels, repeats, s);
    }
  }

  /** The inverted-residual table of the paper (Table 2 of Sandler et al.). */
  public static final List<Stage> STAGES =
      List.of(
          new Stage(1, 16, 1, 1),
          new Stage(6, 24, 2, 2),
          new Stage(6, 32, 3, 2),
          new Stage(6, 64, 4, 2),
          new Stage(6, 96, 3, 1),
          new Stage(6, 160, 3, 2),
          new Stage(6, 320, 1, 1));

  /**
   * The CIFAR port's table: {@link #STAGES} with the second row's stride 2 made 1 (with the
   * stride-1 stem, 8× downsampling in all instead of 32×).
   */
  public static final List<Stage> CIFAR_STAGES = cifarStages();

  private static List<Stage> cifarStages() {
    List<Stage> table = new ArrayList<>(STAGES);
    table.set(1, table.get(1).withStride(1));
    return List.copyOf(table);
  }

  /** Suffix of the CIFAR variants ({@code mobilenetv2-1.0-cifar}). */
  public static final String CIFAR_SUFFIX = "-cifar";

  /**
   * The architecture of one MobileNetV2 width.
   *
   * @param width the width multiplier
   * @param divisor channel rounding (8)
   * @param stemChannels stem channels before scaling (32)
   * @param lastChannels final 1×1 conv channels before scaling by max(1, width) (1280)
   * @param defaultStep growth of d per KR conv when {@link kr.core.kr.KrConfig#step()} is unset
   *     (16)
   * @param dropout default dropout before the classifier (0.2)
   * @param stemStride stride of the 3×3 stem (2; 1 in the CIFAR port)
   * @param stages the inverted-residual table ({@link #STAGES}; {@link #CIFAR_STAGES})
   */
  public record MobileNetV2Args(
      double width,
      int divisor,
      int stemChannels,
      int lastChannels,
      int defaultStep,
      double dropout,
      int stemStride,
      List<Stage> stages) {

    public MobileNetV2Args {
      Checks.positive("width", width);
      Checks.positive("divisor", divisor);
      Checks.positive("stemChannels", stemChannels);
      Checks.positive("lastChannels", lastChannels);
      Checks.positive("defaultStep", defaultStep);
      Checks.inRange("dropout", dropout, 0, 0.999);
      Checks.positive("stemStride", stemStride);
      stages = List.copyOf(Checks.notNull("stages", stages));
      Checks.check(!stages.isEmpty(), "stages", stages, "must not be empty");
    }

    /** The reference defaults at a width multiplier. */
    public static MobileNetV2Args of(double width) {
      return new MobileNetV2Args(width, 8, 32, 1280, 16, 0.2, 2, STAGES);
    }

    /** The CIFAR port at a width multiplier: stride-1 stem, {@link #CIFAR_STAGES}. */
    public static MobileNetV2Args cifar(double width) {
      return of(width).withStrides(1, CIFAR_STAGES);
    }

    public MobileNetV2Args withDropout(double rate) {
      return new MobileNetV2Args(
          width, divisor, stemChannels, lastChannels, defaultStep, rate, stemStride, stages);
    }

    public MobileNetV2Args withDefaultStep(int step) {
      return new MobileNetV2Args(
          width, divisor, stemChannels, lastChannels, step, dropout, stemStride, stages);
    }

    /** Another stem stride and inverted-residual table. */
    public MobileNetV2Args withStrides(int stem, List<Stage> table) {
      return new MobileNetV2Args(
          width, divisor, stemChannels, lastChannels, defaultStep, dropout, stem, table);
    }

    /** Total downsampling of the network (32 for ImageNet, 8 for the CIFAR port). */
    public int downsampling() {
      return stemStride * stages.stream().mapToInt(Stage::stride).reduce(1, (a, b) -> a * b);
    }

    int scaled(int channels) {
      return makeDivisible(channels * width, divisor);
    }

    int finalChannels() {
      return makeDivisible(lastChannels * Math.max(1.0, width), divisor);
    }
  }

  /** The registered variants: name → architecture. */
  public static final Map<String, MobileNetV2Args> VARIANTS;

  static {
    Map<String, MobileNetV2Args> v = new LinkedHashMap<>();
    v.put("mobilenetv2-1.0", MobileNetV2Args.of(1.0));
    v.put("mobilenetv2-0.75", MobileNetV2Args.of(0.75));
    v.put("mobilenetv2-0.5", MobileNetV2Args.of(0.5));
    v.put("mobilenetv2-1.0" + CIFAR_SUFFIX, MobileNetV2Args.cifar(1.0));
    v.put("mobilenetv2-0.75" + CIFAR_SUFFIX, MobileNetV2Args.cifar(0.75));
    v.put("mobilenetv2-0.5" + CIFAR_SUFFIX, MobileNetV2Args.cifar(0.5));
    VARIANTS = Collections.unmodifiableMap(v);
  }

  private final MobileNetV2Args arch;

  private MobileNetV2(String name, MobileNetV2Args arch, BackboneArgs args) {
    super(
        name, args, Checks.notNull("arch", arch).defaultStep(), arch.dropout(), Init.normal(0.01));
    this.arch = arch;
  }

  public static MobileNetV2 create(String name, MobileNetV2Args arch, BackboneArgs args) {
    return new MobileNetV2(name, arch, args);
  }

  /** The architecture of a registered variant; an unknown name lists the known ones. */
  public static MobileNetV2Args variant(String variant) {
    return Variants.get(VARIANTS, "MobileNetV2", variant);
  }

  /**
   * A factory for a registered variant (ImageNet 224 RGB by default, CIFAR 32 RGB for the CIFAR
   * port).
   */
  public static BackboneFactory factory(String variant) {
    MobileNetV2Args a = variant(variant);
    boolean cifar = a.downsampling() < 32;
    String description =
        String.format(
            "MobileNetV2 width %s, KR step %d%s",
            a.width(), a.defaultStep(), cifar ? ", CIFAR strides (stem and stage 2 stride 1)" : "");
    return BackboneFactory.of(
        variant,
        cifar ? InputSpec.cifar() : InputSpec.imagenet(),
        description,
        Set.of(KernelSite.BLOCK_CONVOLUTIONS),
        args -> MobileNetV2.create(variant, a, args));
  }

  /**
   * {@code v} rounded to the nearest multiple of {@code divisor} (at least {@code divisor}), then
   * bumped by one divisor if that lost more than 10%: the reference's {@code _make_divisible}.
   */
  public static int makeDivisible(double v, int divisor) {
    Checks.positive("divisor", divisor);
    int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    return rounded < 0.9 * v ? rounded + divisor : rounded;
  }

  public MobileNetV2Args arch() {
    return arch;
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    long[] dims = input().checkImages(images);
    DynamicKernelMethod m = method();
    int in = arch.scaled(arch.stemChannels());
    BuildContext<T> stem = ctx.child("stem");
    KrState<T> s =
        m.conv(
            stem,
            "conv",
            ConvGeometry.of((int) dims[3], in, 3, arch.stemStride()),
            new KrState<>(images, m.initialRepresentation(ctx, images, input().normalization())),
            ConvRole.STEM);
    s = s.withX(Activation.RELU6.apply(stem, new BatchNorm("bn").apply(stem, s.x())));
    int count = arch.stages().stream().mapToInt(Stage::repeats).sum();
    int index = 0;
    for (Stage st : arch.stages()) {
      int out = arch.scaled(st.channels());
      for (int i = 0; i < st.repeats(); i++) {
        BuildContext<T> c = ctx.child("block" + (index + 1));
        BlockSpec spec = BlockSpec.invertedResidual(index++, count, st.expansion());
        s =
            invertedResidual(
                c, m.block(c, spec, s.x()), s, in, out, i == 0 ? st.stride() : 1, st.expansion());
        in = out;
      }
    }
    BuildContext<T> fc = ctx.child("final");
    s = m.conv(fc, "conv", ConvGeometry.of(in, arch.finalChannels(), 1, 1), s, ConvRole.FINAL_1X1);
    s = s.withX(Activation.RELU6.apply(fc, new BatchNorm("bn").apply(fc, s.x())));
    return s.withX(Pooling.globalAverage(ctx, s.x()));
  }

  private <T extends TFloating> KrState<T> invertedResidual(
      BuildContext<T> c,
      BlockScope<T> b,
      KrState<T> in,
      int inC,
      int outC,
      int stride,
      int expansion) {
    KrState<T> s = in;
    int hidden = (int) Math.round((double) inC * expansion);
    if (expansion != 1) {
      s = b.conv(c, "expand", ConvGeometry.of(inC, hidden, 1, 1), s, ConvRole.EXPAND);
      s = s.withX(Activation.RELU6.apply(c, new BatchNorm("expand_bn").apply(c, s.x())));
    }
    s = b.conv(c, "dw", ConvGeometry.depthwise(hidden, 3, stride), s, ConvRole.DEPTHWISE);
    s = s.withX(Activation.RELU6.apply(c, new BatchNorm("dw_bn").apply(c, s.x())));
    s = b.conv(c, "project", ConvGeometry.of(hidden, outC, 1, 1), s, ConvRole.PROJECT);
    Operand<T> y = new BatchNorm("project_bn").apply(c, s.x());
    if (stride == 1 && inC == outC) {
      y = c.tf().math.add(y, in.x());
    }
    return s.withX(y);
  }
}
