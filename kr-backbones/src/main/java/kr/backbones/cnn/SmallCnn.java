package kr.backbones.cnn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.backbones.api.AbstractBackbone;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.backbones.api.Variants;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Pooling;
import kr.core.layers.Sequential;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Small plain CNNs for CPU runs, the README quickstart (Fashion-MNIST 28×28 grayscale) and CI. Not
 * from the paper; the KR wiring is the paper's CNN recipe (§3.3, §4.3) on a short network:
 *
 * <ul>
 *   <li>stem: 3×3/1 conv + BN + ReLU, static (the paper keeps the stem static);
 *   <li>blocks: per entry of {@link SmallCnnArgs#widths()}, a 3×3/2 convolution + BN + ReLU, built
 *       by the {@link DynamicKernelMethod} as a {@link ConvRole#LAYER} (static, or for KR a {@link
 *       KrConv2d}: a KR unit + dynamic conv growing d by {@code step});
 *   <li>head: GAP, then {@link KrHead} = Linear(cat[GAP, d]).
 * </ul>
 *
 * d_0 comes from the input images ({@link InitialRepresentation}). Grayscale inputs are used as
 * they are: the stem is built with the input's channel count (no replication to RGB). The dynamic
 * kernels sit in {@link KernelSite#LAYER_CONVOLUTIONS}: static kernels and KR build it; the
 * block-convolution baselines are rejected.
 *
 * <p>{@code cnn-small}: 32 → 64/2 → 128/2, step 32 (≈ 7.5M MACs per 28×28 image static). {@code
 * test-cnn}: 8 → 16/2, step 16, for fast tests.
 */
public final class SmallCnn extends AbstractBackbone {

  /**
   * The architecture of a small CNN.
   *
   * @param stemWidth channels of the static 3×3 stem
   * @param widths channels of the stride-2 KR conv blocks, in order
   * @param defaultStep growth of d per KR conv when {@link kr.core.kr.KrConfig#step()} is unset
   * @param dropout default dropout before the classifier
   */
  public record SmallCnnArgs(int stemWidth, List<Integer> widths, int defaultStep, double dropout) {

    public SmallCnnArgs {
      Checks.positive("stemWidth", stemWidth);
      widths = List.copyOf(Checks.notNull("widths", widths));
      Checks.check(!widths.isEmpty(), "widths", widths, "must not be empty");
      widths.forEach(w -> Checks.positive("block width", w));
      Checks.positive("defaultStep", defaultStep);
      Checks.inRange("dropout", dropout, 0, 0.999);
    }

    public SmallCnnArgs withWidths(List<Integer> w) {
      return new SmallCnnArgs(stemWidth, w, defaultStep, dropout);
    }

    public SmallCnnArgs withDefaultStep(int step) {
      return new SmallCnnArgs(stemWidth, widths, step, dropout);
    }

    public SmallCnnArgs withDropout(double rate) {
      return new SmallCnnArgs(stemWidth, widths, defaultStep, rate);
    }
  }

  /** The registered variants: name → architecture. */
  public static final Map<String, SmallCnnArgs> VARIANTS;

  static {
    Map<String, SmallCnnArgs> v = new LinkedHashMap<>();
    v.put("cnn-small", new SmallCnnArgs(32, List.of(64, 128), 32, 0));
    v.put("test-cnn", new SmallCnnArgs(8, List.of(16), 16, 0));
    VARIANTS = Collections.unmodifiableMap(v);
  }

  private final SmallCnnArgs arch;

  private SmallCnn(String name, SmallCnnArgs arch, BackboneArgs args) {
    super(
        name,
        args,
        Checks.notNull("arch", arch).defaultStep(),
        arch.dropout(),
        Init.lecunUniform());
    this.arch = arch;
  }

  public static SmallCnn create(String name, SmallCnnArgs arch, BackboneArgs args) {
    return new SmallCnn(name, arch, args);
  }

  /** The architecture of a registered variant; an unknown name lists the known ones. */
  public static SmallCnnArgs variant(String variant) {
    return Variants.get(VARIANTS, "small CNN", variant);
  }

  /** A factory for a registered variant (Fashion-MNIST 28×28×1 by default). */
  public static BackboneFactory factory(String variant) {
    SmallCnnArgs a = variant(variant);
    String description =
        String.format(
            "small CNN, stem %d, stride-2 KR convs %s, KR step %d",
            a.stemWidth(), a.widths(), a.defaultStep());
    return BackboneFactory.of(
        variant,
        InputSpec.fashionMnist(),
        description,
        Set.of(KernelSite.LAYER_CONVOLUTIONS),
        args -> SmallCnn.create(variant, a, args));
  }

  public SmallCnnArgs arch() {
    return arch;
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    long[] dims = input().checkImages(images);
    DynamicKernelMethod m = method();
    Operand<T> x =
        Sequential.of(
                "stem",
                new Conv2d("conv", ConvGeometry.of((int) dims[3], arch.stemWidth(), 3, 1)),
                new BatchNorm("bn"),
                Activation.RELU)
            .apply(ctx, images);
    KrState<T> s = new KrState<>(x, m.initialRepresentation(ctx, images, input().normalization()));
    int in = arch.stemWidth();
    for (int i = 0; i < arch.widths().size(); i++) {
      int out = arch.widths().get(i);
      BuildContext<T> c = ctx.child("block" + (i + 1));
      s = m.conv(c, "conv", ConvGeometry.of(in, out, 3, 2), s, ConvRole.LAYER);
      s = s.withX(Activation.RELU.apply(c, new BatchNorm("bn").apply(c, s.x())));
      in = out;
    }
    return s.withX(Pooling.globalAverage(ctx, s.x()));
  }
}
