package kr.data.mix;

import java.util.random.RandomGenerator;
import kr.data.Checks;

/**
 * Beta(α, β) draws as {@code X / (X + Y)} with {@code X ~ Gamma(α)}, {@code Y ~ Gamma(β)}; Gamma by
 * Marsaglia and Tsang (2000), with the {@code U^(1/α)} boost for α &lt; 1. Uses only the given
 * generator's {@code nextDouble} and {@code nextGaussian}, so a seeded generator gives the same λ
 * on every JDK.
 */
public final class BetaSampler {
  private BetaSampler() {}

  /**
   * @param alpha first shape, positive
   * @param beta second shape, positive
   * @param rng random stream
   * @return a draw in [0, 1]
   */
  public static double beta(double alpha, double beta, RandomGenerator rng) {
    Checks.inRange("alpha", alpha, Double.MIN_VALUE, Double.MAX_VALUE);
    Checks.inRange("beta", beta, Double.MIN_VALUE, Double.MAX_VALUE);
    double x = gamma(alpha, rng);
    double y = gamma(beta, rng);
    return x + y == 0 ? 0.5 : x / (x + y);
  }

  /**
   * @param shape shape k, positive
   * @param rng random stream
   * @return a Gamma(k, 1) draw
   */
  public static double gamma(double shape, RandomGenerator rng) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(shape + 1, rng) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
