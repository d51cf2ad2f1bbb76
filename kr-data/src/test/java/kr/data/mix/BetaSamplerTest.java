package kr.data.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaSamplerTest {

  @ParameterizedTest
  @CsvSource({"0.8, 0.8", "1.0, 1.0", "2.0, 5.0", "0.3, 1.5"})
  void meanAndVarianceMatchTheBetaDistribution(double a, double b) {
    SplitMix64 rng = new SplitMix64(11);
    int n = 40_000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double x = BetaSampler.beta(a, b, rng);
      assertThat(x).isBetween(0.0, 1.0);
      sum += x;
      sq += x * x;
    }
    double mean = sum / n;
    double var = sq / n - mean * mean;
    double expectedMean = a / (a + b);
    double expectedVar = a * b / ((a + b) * (a + b) * (a + b + 1));
    // Standard error of the mean √(var/n) ≤ 0.0025; allow four of them.
    assertThat(mean).isCloseTo(expectedMean, within(0.01));
    assertThat(var).isCloseTo(expectedVar, within(0.1 * expectedVar));
  }
}
