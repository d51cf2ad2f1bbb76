package kr.backbones.methods;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.backbones.api.LinearScope;
import kr.backbones.api.LinearSpec;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrConfig;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import kr.core.model.PixelNormalization;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * KR (the seed paper) through the {@link DynamicKernelMethod} interface, for an enabled {@link
 * KrConfig} (KR, or the dynamic-only ablation; static kernels are {@link StaticMethod}):
 *
 * <ul>
 *   <li>d_0 from the images ({@link InitialRepresentation});
 *   <li>every block convolution, the MobileNetV2 final 1×1 and every stand-alone convolution
 *       ({@link ConvRole#LAYER}) is a {@link KrConv2d} growing d by {@link #step()}; stem and
 *       shortcuts stay static;
 *   <li>the token-wise linears of a residual block are one KR unit ({@link ResidualLinears});
 *   <li>the classifier is {@link KrHead} (Linear of cat[GAP, d]), reading what {@link
 *       KrConfig#headInput()} says: for {@link kr.core.kr.HeadInput#D0} (dynamic-only) d is still
 *       d_0 at the head; for {@link kr.core.kr.HeadInput#NONE} the pooled features alone.
 * </ul>
 *
 * The step is the configuration's, else the backbone's default ({@link #withDefaultStep}), else
 * {@link #DEFAULT_STEP}.
 */
public final class KrMethod implements DynamicKernelMethod {
  /** Growth of d per KR unit when neither the configuration nor a backbone sets one (§4.1). */
  public static final int DEFAULT_STEP = 32;

  private final KrConfig config;
  private final int step;

  /** KR as {@code config} says; it must be enabled ({@link StaticMethod} is static kernels). */
  public KrMethod(KrConfig config) {
    this(config, DEFAULT_STEP);
  }

  private KrMethod(KrConfig config, int defaultStep) {
    this.config = Checks.notNull("config", config);
    Checks.check(
        config.enabled(),
        "kr",
        config.label(),
        "is static kernels, not a KR configuration: use the static method");
    this.step = config.stepOr(defaultStep);
  }

  public KrConfig config() {
    return config;
  }

  /** The growth of d per KR unit this method builds with. */
  public int step() {
    return step;
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
  public Set<KernelSite> sites() {
    return EnumSet.allOf(KernelSite.class);
  }

  @Override
  public KrMethod withDefaultStep(int defaultStep) {
    return new KrMethod(config, defaultStep);
  }

  @Override
  public <T extends TFloating> KernelRepresentation<T> initialRepresentation(
      BuildContext<T> ctx, Operand<T> images, PixelNormalization pixels) {
    return new InitialRepresentation(config).apply(ctx, images, pixels);
  }

  @Override
  public <T extends TFloating> KrState<T> conv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, KrState<T> s, ConvRole role) {
    if (role == ConvRole.STEM || role == ConvRole.SHORTCUT) {
      return DynamicKernelMethod.staticConv(ctx, name, geometry, s);
    }
    return new KrConv2d(name, geometry, config, step).apply(ctx, s);
  }

  /** A {@link KrConv2d} (+step) and a static bias {@code name/bias} (zeros). */
  @Override
  public <T extends TFloating> KrState<T> biasedConv(
      BuildContext<T> ctx, String name, ConvGeometry geometry, Init staticInit, KrState<T> s) {
    KrState<T> r = conv(ctx, name, geometry, s, ConvRole.LAYER);
    Operand<T> bias = ctx.child(name).param("bias", ParamSpec.vector(geometry.out(), Init.zeros()));
    return r.withX(ctx.tf().math.add(r.x(), bias));
  }

  @Override
  public <T extends TFloating> LinearScope<T> linears(
      BuildContext<T> ctx, LinearSpec spec, Operand<T> normed, KernelRepresentation<T> d) {
    return new ResidualLinears(config, step).bind(ctx, spec, normed, d);
  }

  @Override
  public <T extends TFloating> Operand<T> classifier(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d, ClassifierSpec spec) {
    return new KrHead(
            spec.name(), spec.numClasses(), spec.dropout(), spec.init(), config.headInput())
        .apply(ctx, pooled, d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KrMethod k && k.config.equals(config) && k.step == step;
  }

  @Override
  public int hashCode() {
    return Objects.hash(config, step);
  }

  @Override
  public String toString() {
    return name();
  }
}
