package kr.train.recipe;

import kr.core.graph.Checks;

/**
 * A recipe's regularisers. A rate or α of 0 turns the piece off.
 *
 * @param labelSmoothing ε of label smoothing, in [0, 1)
 * @param mixupAlpha Mixup's Beta(α, α) parameter (0: no Mixup)
 * @param cutmixAlpha CutMix's Beta(α, α) parameter (0: no CutMix)
 * @param mixSwitchProb the probability of CutMix rather than Mixup when both are on
 * @param randomErasing the probability of random erasing per image, after normalisation
 * @param repeatedAugmentations repeated-augmentation count (1: a plain epoch permutation)
 * @param dropPathStatic the maximum stochastic-depth rate of static baselines
 * @param dropPathDynamic the maximum stochastic-depth rate of dynamic models (paper §4.1: 0)
 * @param dropout the classifier's dropout rate
 * @param emaDecay the weight EMA's decay (0: no EMA)
 */
public record Regularisers(
    double labelSmoothing,
    double mixupAlpha,
    double cutmixAlpha,
    double mixSwitchProb,
    double randomErasing,
    int repeatedAugmentations,
    double dropPathStatic,
    double dropPathDynamic,
    double dropout,
    double emaDecay) {

  /** No regulariser at all. */
  public static final Regularisers NONE = new Regularisers(0, 0, 0, 0, 0, 1, 0, 0, 0, 0);

  public Regularisers {
    Checks.fraction("labelSmoothing", labelSmoothing);
    Checks.nonNegative("mixupAlpha", mixupAlpha);
    Checks.nonNegative("cutmixAlpha", cutmixAlpha);
    probability("mixSwitchProb", mixSwitchProb);
    probability("randomErasing", randomErasing);
    Checks.positive("repeatedAugmentations", repeatedAugmentations);
    Checks.fraction("dropPathStatic", dropPathStatic);
    Checks.fraction("dropPathDynamic", dropPathDynamic);
    Checks.fraction("dropout", dropout);
    Checks.fraction("emaDecay", emaDecay);
  }

  private static void probability(String name, double v) {
    Checks.check(v >= 0 && v <= 1, name, v, "must be in [0, 1]");
  }

  /** Whether Mixup or CutMix is on (the loss then takes soft targets). */
  public boolean mixes() {
    return mixupAlpha > 0 || cutmixAlpha > 0;
  }

  /** The stochastic-depth rate for a static baseline or a dynamic model. */
  public double dropPath(boolean dynamic) {
    return dynamic ? dropPathDynamic : dropPathStatic;
  }
}
