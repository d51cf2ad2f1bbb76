package kr.backbones.api;

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
 * @param dropout rate before the classifier (0 = the variant's default)
 */
public record BackboneArgs(
    DynamicKernelMethod method, InputSpec input, int numClasses, double dropout) {

  public BackboneArgs {
    Checks.notNull("method", method);
    Checks.notNull("input", input);
    Checks.positive("numClasses", numClasses);
    Checks.inRange("dropout", dropout, 0, 0.999);
  }

  /** Arguments without dropout. */
  public static BackboneArgs of(DynamicKernelMethod method, InputSpec input, int numClasses) {
    return new BackboneArgs(method, input, numClasses, 0);
  }

  public BackboneArgs withDropout(double rate) {
    return new BackboneArgs(method, input, numClasses, rate);
  }

  /** The same arguments with another dynamic-kernel method. */
  public BackboneArgs withMethod(DynamicKernelMethod m) {
    return new BackboneArgs(m, input, numClasses, dropout);
  }

  /** The variant label models report after their name: the method's name, e.g. {@code kr4x}. */
  public String label() {
    return method.name();
  }
}
