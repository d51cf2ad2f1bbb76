package kr.bench.run;

import java.util.Arrays;
import java.util.List;
import kr.core.graph.Checks;

/** Step times from the {@code System.nanoTime()} stamps a trainer listener took after each step. */
public final class StepTimes {
  private StepTimes() {}

  /**
   * @param stamps nanosecond stamps, one after each step, at least two
   * @return the median time between consecutive stamps, in seconds
   */
  public static double medianSeconds(List<Long> stamps) {
    Checks.check(stamps.size() >= 2, "stamps", stamps.size(), "must number at least 2");
    double[] dt = new double[stamps.size() - 1];
    for (int i = 1; i < stamps.size(); i++) {
      dt[i - 1] = (stamps.get(i) - stamps.get(i - 1)) / 1e9;
    }
    Arrays.sort(dt);
    return dt[dt.length / 2];
  }
}
