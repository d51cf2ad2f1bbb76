package kr.backbones.api;

import kr.core.graph.Checks;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;

/**
 * What every backbone factory receives: the KR configuration, the input and the class count.
 *
 * @param dropout rate before the classifier (0 = none)
 */
public record BackboneArgs(KrConfig kr, InputSpec input, int numClasses, double dropout) {

  public BackboneArgs {
    Checks.notNull("kr", kr);
    Checks.notNull("input", input);
    Checks.positive("numClasses", numClasses);
    Checks.inRange("dropout", dropout, 0, 0.999);
  }

  public static BackboneArgs of(KrConfig kr, InputSpec input, int numClasses) {
    return new BackboneArgs(kr, input, numClasses, 0);
  }

  public BackboneArgs withDropout(double rate) {
    return new BackboneArgs(kr, input, numClasses, rate);
  }
}
