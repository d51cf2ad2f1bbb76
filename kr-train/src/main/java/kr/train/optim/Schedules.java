package kr.train.optim;

import java.util.function.Function;

/**
 * The closed set of LR schedules, each a constructor from a {@link ScheduleSpec}. Every schedule
 * starts with the same linear warmup ({@code baseLr·(s+1)/W} for the 0-based step {@code s < W}, or
 * {@code warmupLr + (baseLr − warmupLr)·s/W} when {@link ScheduleSpec#warmupLr} is set); they
 * differ after it.
 */
public enum Schedules {
  /** {@code baseLr} after the warmup. */
  CONSTANT(Constant::new),
  /**
   * The paper's schedule: warmup, then cosine annealing from {@code baseLr} to {@code minLr}:
   * {@code minLr + (baseLr − minLr)·(1 + cos(π·(s − W)/(S − W)))/2}.
   */
  WARMUP_COSINE(Cosine::new),
  /** Warmup, then {@code baseLr·gamma^⌊(s − W)/decaySteps⌋}. */
  STEP(Step::new);

  private final Function<ScheduleSpec, LrSchedule> constructor;

  Schedules(Function<ScheduleSpec, LrSchedule> constructor) {
    this.constructor = constructor;
  }

  public LrSchedule create(ScheduleSpec spec) {
    return constructor.apply(spec);
  }

  /** The warmup value, or NaN once the warmup is over. */
  static double warmup(ScheduleSpec s, long step) {
    if (step < s.warmupSteps()) {
      if (s.warmupLr() > 0) {
        return s.warmupLr() + (s.baseLr() - s.warmupLr()) * step / s.warmupSteps();
      }
      return s.baseLr() * (step + 1) / s.warmupSteps();
    }
    return Double.NaN;
  }

  private record Constant(ScheduleSpec s) implements LrSchedule {
    @Override
    public double lr(long step) {
      double w = warmup(s, step);
      return Double.isNaN(w) ? s.baseLr() : w;
    }
  }

  private record Cosine(ScheduleSpec s) implements LrSchedule {
    @Override
    public double lr(long step) {
      double w = warmup(s, step);
      if (!Double.isNaN(w)) {
        return w;
      }
      long span = s.totalSteps() - s.warmupSteps();
      double progress = span <= 0 ? 1 : Math.min(1.0, (double) (step - s.warmupSteps()) / span);
      return s.minLr() + (s.baseLr() - s.minLr()) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }

  private record Step(ScheduleSpec s) implements LrSchedule {
    @Override
    public double lr(long step) {
      double w = warmup(s, step);
      if (!Double.isNaN(w)) {
        return w;
      }
      long decays = (step - s.warmupSteps()) / s.decaySteps();
      return s.baseLr() * Math.pow(s.gamma(), decays);
    }
  }
}
