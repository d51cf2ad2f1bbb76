package kr.backbones.api;

import kr.backbones.methods.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.core.graph.Checks;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;

/**
 * What every backbone factory receives: the KR configuration, the input, the class count, the
 * dropout and the dynamic-kernel method.
 *
 * <p><b>Method.</b> {@link #KR} (the default) means "KR as configured by {@link #kr()}": static
 * kernels when {@code kr} is off, the paper's KR otherwise. Any other name is a registered {@link
 * DynamicKernelMethod} ({@code static}, {@code condconv}, {@code dyconv}, {@code odconv1x}, {@code
 * odconv4x}, {@code weightnet}, {@code we}, {@code dcd}; {@link DynamicKernelMethods#list()}) that
 * <em>replaces</em> KR; it cannot be combined with KR, so {@code kr} must then be {@link
 * KrConfig#off() off} (an enabled {@code kr} is rejected rather than silently ignored). The
 * convolutional backbones that build through {@link DynamicKernelMethod} (ResNet, MobileNetV2)
 * accept every method; ViT accepts {@code static}, {@code odconv1x} and {@code odconv4x} (its
 * Table 1 baseline); the others reject any method but {@link #KR} ({@link #requireKrMethod}).
 *
 * @param dropout rate before the classifier (0 = none)
 * @param method {@link #KR} or a registered dynamic-kernel method name
 */
public record BackboneArgs(KrConfig kr, InputSpec input, int numClasses, double dropout,
    String method) {

  /** The default method: KR as configured by {@link #kr()} (static when it is off). */
  public static final String KR = "kr";

  public BackboneArgs {
    Checks.notNull("kr", kr);
    Checks.notNull("input", input);
    Checks.positive("numClasses", numClasses);
    Checks.inRange("dropout", dropout, 0, 0.999);
    Checks.notNull("method", method);
    if (!method.equals(KR)) {
      DynamicKernelMethods.get(method); // unknown names list the known ones
      Checks.check(!kr.enabled(), "kr", kr.label(), "must be off with dynamic-kernel method '"
          + method + "' (a baseline method replaces KR; use method '" + KR + "' for KR)");
    }
  }

  /** The pre-method constructor: method {@link #KR}. */
  public BackboneArgs(KrConfig kr, InputSpec input, int numClasses, double dropout) {
    this(kr, input, numClasses, dropout, KR);
  }

  public static BackboneArgs of(KrConfig kr, InputSpec input, int numClasses) {
    return new BackboneArgs(kr, input, numClasses, 0, KR);
  }

  public BackboneArgs withDropout(double rate) {
    return new BackboneArgs(kr, input, numClasses, rate, method);
  }

  /** The same arguments with dynamic-kernel method {@code name} ({@link #KR} for KR). */
  public BackboneArgs withMethod(String name) {
    return new BackboneArgs(kr, input, numClasses, dropout, name);
  }

  /** True for the default method ({@link #KR}: KR as configured, static when off). */
  public boolean isKrMethod() {
    return method.equals(KR);
  }

  /**
   * The method to build with: KR with {@code kr} and the backbone's {@code step} for {@link #KR},
   * else the registered method.
   */
  public DynamicKernelMethod dynamicKernelMethod(int step) {
    return isKrMethod() ? DynamicKernelMethods.kr(kr, step) : DynamicKernelMethods.get(method);
  }

  /** The variant label models report: {@link KrConfig#label()} for {@link #KR}, else the method. */
  public String label() {
    return isKrMethod() ? kr.label() : method;
  }

  /**
   * For backbones that do not build through {@link DynamicKernelMethod}: throws an {@link
   * IllegalArgumentException} naming the method and the backbone unless the method is {@link #KR}.
   */
  public BackboneArgs requireKrMethod(String backbone) {
    if (!isKrMethod()) {
      throw new IllegalArgumentException("dynamic-kernel method '" + method
          + "' is not supported by backbone '" + backbone + "' (ResNet and MobileNetV2 build "
          + "through DynamicKernelMethod; ViT takes only static/odconv1x/odconv4x); use method '"
          + KR + "'");
    }
    return this;
  }
}
