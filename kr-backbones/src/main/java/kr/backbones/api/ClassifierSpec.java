package kr.backbones.api;

import kr.core.graph.Checks;
import kr.core.graph.Init;

/**
 * The classifier a backbone asks for: its parameter scope name, class count, dropout rate before it
 * and the kernel initializer of its (main) linear.
 */
public record ClassifierSpec(String name, int numClasses, double dropout, Init init) {

  public ClassifierSpec {
    Checks.notNull("name", name);
    Checks.positive("numClasses", numClasses);
    Checks.inRange("dropout", dropout, 0, 0.999);
    Checks.notNull("init", init);
  }

  /** A classifier named {@code head}, as {@link kr.core.kr.KrHead} names it. */
  public static ClassifierSpec of(int numClasses, double dropout, Init init) {
    return new ClassifierSpec("head", numClasses, dropout, init);
  }

  /**
   * A classifier named {@code head} for {@code args}'s class count, with its dropout rate, else the
   * variant's {@code defaultDropout}.
   */
  public static ClassifierSpec of(BackboneArgs args, double defaultDropout, Init init) {
    Checks.notNull("args", args);
    return of(args.numClasses(), args.dropoutOr(defaultDropout), init);
  }
}
