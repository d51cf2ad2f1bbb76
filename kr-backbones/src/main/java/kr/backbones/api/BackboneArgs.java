package kr.backbones.api;

import java.util.OptionalDouble;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;

/**
 * What every backbone factory receives: the dynamic-kernel method, the input, the class count and
 * the dropout.
 *
 * <p>The method is a value, resolved once where the user's choice enters (the command line, a table
 * spec): static kernels, KR with its configuration, or one of the registered baselines. A backbone
 * builds every convolution and linear through it ({@link DynamicKernelMethod}); one that cannot
 * place the method's kernels rejects it ({@link BackboneFactory#supports}).
 *
 * @param method where the dynamic kernels go, and what they are
 * @param dropout rate before the classifier; empty = the variant's default (MobileNetV2's 0.2, none
 *     elsewhere), and an explicit 0 means no dropout
 * @param dropPath the stochastic-depth rate of the last residual block (timm's {@code
 *     drop_path_rate}; the blocks before it get linearly smaller rates), 0 for none (the default);
 *     only backbones whose factory {@link BackboneFactory#supportsDropPath() supports it} accept a
 *     positive rate
 */
public record BackboneArgs(
    DynamicKernelMethod method,
    InputSpec input,
    int numClasses,
    OptionalDouble dropout,
    double dropPath) {

  public BackboneArgs {
    Checks.notNull("method", method);
    Checks.notNull("input", input);
    Checks.positive("numClasses", numClasses);
    Checks.notNull("dropout", dropout);
    dropout.ifPresent(p -> Checks.inRange("dropout", p, 0, 0.999));
    Checks.inRange("drop path rate", dropPath, 0, 0.999);
  }

  /** Arguments with the variant's default dropout and no stochastic depth. */
  public static BackboneArgs of(DynamicKernelMethod method, InputSpec input, int numClasses) {
    return new BackboneArgs(method, input, numClasses, OptionalDouble.empty(), 0);
  }

  /** An explicit dropout rate before the classifier; 0 switches off the variant's default. */
  public BackboneArgs withDropout(double rate) {
    return withDropout(OptionalDouble.of(rate));
  }

  /** An explicit rate, or empty for the variant's default. */
  public BackboneArgs withDropout(OptionalDouble rate) {
    return new BackboneArgs(method, input, numClasses, rate, dropPath);
  }

  /** A stochastic-depth rate for the last residual block (0: none). */
  public BackboneArgs withDropPath(double rate) {
    return new BackboneArgs(method, input, numClasses, dropout, rate);
  }

  /** The explicit rate, else {@code variantDefault}. */
  public double dropoutOr(double variantDefault) {
    return dropout.orElse(variantDefault);
  }

  /** The same arguments with another dynamic-kernel method. */
  public BackboneArgs withMethod(DynamicKernelMethod m) {
    return new BackboneArgs(m, input, numClasses, dropout, dropPath);
  }

  /** The variant label models report after their name: the method's name, e.g. {@code kr4x}. */
  public String label() {
    return method.name();
  }
}
