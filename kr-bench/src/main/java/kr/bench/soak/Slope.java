package kr.bench.soak;

import java.util.List;
import java.util.function.ToDoubleFunction;
import kr.core.graph.Checks;

/** Least-squares slopes of a soak run's memory readings. */
public final class Slope {
  private Slope() {}

  /**
   * A least-squares line through a soak run's readings against time in minutes.
   *
   * @param perMinute the slope, in value units per minute
   * @param meanMinutes the mean time of the fitted samples, minutes; the line passes through
   *     ({@code meanMinutes}, {@code meanValue})
   * @param meanValue the mean value of the fitted samples
   */
  public record Line(double perMinute, double meanMinutes, double meanValue) {

    /** The line's value at {@code minutes}. */
    public double at(double minutes) {
      return meanValue + perMinute * (minutes - meanMinutes);
    }
  }

  /**
   * The least-squares slope of {@code value} against time, in units per minute, over the samples at
   * or after {@code fromSeconds}.
   *
   * @throws IllegalArgumentException with fewer than two such samples at distinct times
   */
  public static double perMinute(
      List<MemorySample> samples, double fromSeconds, ToDoubleFunction<MemorySample> value) {
    return fit(samples, fromSeconds, value).perMinute();
  }

  /**
   * The least-squares line of {@code value} against time in minutes, over the samples at or after
   * {@code fromSeconds}.
   *
   * @throws IllegalArgumentException with fewer than two such samples at distinct times
   */
  public static Line fit(
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
    return new Line(sxy / sxx, mt, mv);
  }
}
