package kr.train.optim;

import kr.core.graph.Checks;

/**
 * What every LR schedule is built from, in steps.
 *
 * @param baseLr the peak learning rate, reached at the end of the warmup
 * @param minLr the floor the cosine schedule anneals to
 * @param warmupSteps steps of linear warmup, {@code lr = baseLr·(s+1)/warmupSteps} for step s
 * @param totalSteps steps in the whole run
 * @param decaySteps for the step schedule: steps between two decays (after the warmup)
 * @param gamma for the step schedule: the factor applied at each decay
 * @param warmupLr the warmup's starting learning rate: 0 gives {@code baseLr·(s+1)/warmupSteps};
 *     above 0 the warmup is timm's {@code warmupLr + (baseLr − warmupLr)·s/warmupSteps}, which
 *     starts at exactly {@code warmupLr}
 */
public record ScheduleSpec(
    double baseLr,
    double minLr,
    long warmupSteps,
    long totalSteps,
    long decaySteps,
    double gamma,
    double warmupLr) {

  public ScheduleSpec {
    Checks.positive("baseLr", baseLr);
    Checks.check(minLr >= 0 && minLr <= baseLr, "minLr", minLr, "must be in [0, baseLr]");
    Checks.check(warmupSteps >= 0, "warmupSteps", warmupSteps, "must be >= 0");
    Checks.positive("totalSteps", totalSteps);
    Checks.check(
        warmupSteps <= totalSteps,
        "warmupSteps",
        warmupSteps,
        "must be <= totalSteps (" + totalSteps + ")");
    Checks.positive("decaySteps", decaySteps);
    Checks.check(gamma > 0 && gamma <= 1, "gamma", gamma, "must be in (0, 1]");
    Checks.check(
        warmupLr >= 0 && warmupLr <= baseLr, "warmupLr", warmupLr, "must be in [0, baseLr]");
  }

  /** A spec whose warmup starts at {@code baseLr/warmupSteps} ({@code warmupLr} 0). */
  public ScheduleSpec(
      double baseLr,
      double minLr,
      long warmupSteps,
      long totalSteps,
      long decaySteps,
      double gamma) {
    this(baseLr, minLr, warmupSteps, totalSteps, decaySteps, gamma, 0);
  }
}
