package kr.bench.soak;

import java.util.List;
import java.util.function.ToDoubleFunction;
import kr.core.graph.Checks;

/** Least-squares slopes of a soak run's memory readings. */
public final class Slope {
  private Slope() {}

  /**
   * The least-squares slope of {@code value} against time, in units per minute, over the samples at
   * or after {@code fromSeconds}.
   *
   * @throws IllegalArgumentException with fewer than two such samples at distinct times
   */
  public static double perMinute(
      List<MemorySample> samples, double fromSeconds, ToDoubleFunction<MemorySample> value) {
    List<MemorySample> s = samples.stream().filter(m -> m.seconds() >= fromSeconds).toList();
    Checks.check(
        s.size() >= 2,
        "samples after warm-up",
        s.size(),
        "must be at least 2 (run longer or sample more often)");
    double mt = s.stream().mapToDouble(MemorySample::seconds).average().orElseThrow() / 60;
    double mv = s.stream().mapToDouble(value).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (MemorySample m : s) {
      double dt = m.seconds() / 60 - mt;
      sxy += dt * (value.applyAsDouble(m) - mv);
      sxx += dt * dt;
    }
    Checks.check(sxx > 0, "sample times after warm-up", s.size(), "must not all be equal");
    return sxy / sxx;
  }
}
