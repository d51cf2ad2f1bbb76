package kr.bench.table;

import java.util.List;
import kr.core.graph.Checks;

/**
 * Mean and sample standard deviation of a row's seeds.
 *
 * @param n number of values
 * @param mean their mean (NaN when {@code n} is 0)
 * @param std sample standard deviation, n − 1 in the denominator (0 for one value, NaN for none)
 */
public record Stats(int n, double mean, double std) {

  public Stats {
    Checks.nonNegative("n", n);
  }

  public static Stats of(List<Double> values) {
    Checks.notNull("values", values);
    int n = values.size();
    if (n == 0) {
      return new Stats(0, Double.NaN, Double.NaN);
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new Stats(n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0);
  }

  /** The squared standard error of the mean, s²/n (NaN without two values). */
  public double varianceOfMean() {
    return n > 1 ? std * std / n : Double.NaN;
  }
}
