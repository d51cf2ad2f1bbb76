package kr.train.optim;

import kr.core.graph.Checks;
import kr.core.graph.Parameter;

/**
 * Hyper-parameters shared by the optimizers (each reads the ones it uses).
 *
 * @param weightDecay AdamW: decoupled decay {@code w ← w·(1 − lr·wd)}; SGD: L2 added to the
 *     gradient, {@code g ← g + wd·w} (PyTorch's conventions for both)
 * @param momentum SGD momentum μ
 * @param nesterov SGD Nesterov momentum
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param epsilon Adam ε, added to √v̂ as PyTorch does
 * @param decayRule which parameters the weight decay applies to (all of them unless set with {@link
 *     #withDecayRule})
 */
public record OptimizerSpec(
    double weightDecay,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double epsilon,
    WeightDecayRule decayRule) {

  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-8;
  public static final double DEFAULT_MOMENTUM = 0.9;

  public OptimizerSpec {
    Checks.nonNegative("weightDecay", weightDecay);
    Checks.fraction("momentum", momentum);
    Checks.fraction("beta1", beta1);
    Checks.fraction("beta2", beta2);
    Checks.positive("epsilon", epsilon);
    Checks.notNull("decayRule", decayRule);
  }

  /** The hyper-parameters with weight decay on every parameter. */
  public OptimizerSpec(
      double weightDecay,
      double momentum,
      boolean nesterov,
      double beta1,
      double beta2,
      double epsilon) {
    this(weightDecay, momentum, nesterov, beta1, beta2, epsilon, WeightDecayRule.all());
  }

  /** The same hyper-parameters, decaying only the parameters {@code rule} selects. */
  public OptimizerSpec withDecayRule(WeightDecayRule rule) {
    return new OptimizerSpec(weightDecay, momentum, nesterov, beta1, beta2, epsilon, rule);
  }

  /**
   * The weight decay that applies to {@code p}: {@link #weightDecay} or 0 if the rule exempts it.
   */
  public double weightDecayOf(Parameter p) {
    return decayRule.decays(p) ? weightDecay : 0;
  }
}
