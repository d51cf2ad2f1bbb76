package kr.bench.tsne;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TsneTest {
  /** {@code perClass} points around each of {@code classes} centres 20 apart, in 10 dimensions. */
  static double[][] clusters(int classes, int perClass, long seed, int[] labels) {
    Random r = new Random(seed);
    double[][] x = new double[classes * perClass][10];
    for (int i = 0; i < x.length; i++) {
      labels[i] = i % classes;
      for (int c = 0; c < 10; c++) {
        x[i][c] = (c == labels[i] ? 20 : 0) + r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void separatedClustersStaySeparated() {
    int[] labels = new int[200];
    double[][] x = clusters(4, 50, 1, labels);
    TsneResult result = Tsne.embed(x, TsneConfig.defaults(7));
    EmbeddingReport report = EmbeddingReport.of("clusters", x, labels, result);
    assertThat(report.features().knnAccuracy()).isEqualTo(1.0);
    assertThat(report.embedding().knnAccuracy()).isEqualTo(1.0);
    assertThat(report.embedding().silhouette()).isGreaterThan(0.5);
    assertThat(report.trustworthiness()).isGreaterThan(0.9);
    assertThat(report.klDivergence()).isPositive().isLessThan(2);
    // the layout found is far better than the initial one
    double[] p = Tsne.jointProbabilities(Matrices.squaredDistances(x), 200, 30);
    double[] start = Tsne.optimise(p, 200, TsneConfig.defaults(7).withIterations(1));
    assertThat(report.klDivergence()).isLessThan(Tsne.klDivergence(p, start, 200, 2) / 2);
  }

  @Test
  void sameSeedSameBitsOtherSeedOtherLayout() {
    int[] labels = new int[60];
    double[][] x = clusters(3, 20, 2, labels);
    TsneConfig config = TsneConfig.defaults(11).withPerplexity(10).withIterations(300);
    double[][] a = Tsne.embed(x, config).points();
    double[][] b = Tsne.embed(x, config).points();
    double[][] c = Tsne.embed(x, config.withSeed(12)).points();
    assertThat(b).isDeepEqualTo(a);
    assertThat(c[0][0]).isNotEqualTo(a[0][0]);
  }

  @Test
  void conditionalsHaveThePerplexityAndJointIsSymmetric() {
    int n = 40;
    Random r = new Random(5);
    double[][] x = new double[n][3];
    for (double[] row : x) {
      for (int c = 0; c < 3; c++) {
        row[c] = r.nextGaussian() * 3;
      }
    }
    double[] dist = Matrices.squaredDistances(x);
    double[] row = new double[n];
    for (int i = 0; i < n; i++) {
      Tsne.conditional(dist, i, n, Math.log(8), row);
      double entropy = 0;
      double sum = 0;
      for (double v : row) {
        sum += v;
        entropy -= v > 0 ? v * Math.log(v) : 0;
      }
      assertThat(row[i]).isZero();
      assertThat(sum).isCloseTo(1, within(1e-12));
      assertThat(Math.exp(entropy)).isCloseTo(8, within(1e-3));
    }
    double[] p = Tsne.jointProbabilities(dist, n, 8);
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(p[i * n + j]).isEqualTo(p[j * n + i]);
        total += p[i * n + j];
      }
    }
    assertThat(total).isCloseTo(1, within(1e-12));
  }

  @Test
  void gradientMatchesFiniteDifferencesOfKl() {
    int n = 7;
    Random r = new Random(9);
    double[][] x = new double[n][4];
    for (double[] row : x) {
      for (int c = 0; c < 4; c++) {
        row[c] = r.nextGaussian();
      }
    }
    double[] p = Tsne.jointProbabilities(Matrices.squaredDistances(x), n, 3);
    for (int dims : new int[] {2, 3}) {
      double[] y = new double[n * dims];
      for (int k = 0; k < y.length; k++) {
        y[k] = r.nextGaussian();
      }
      double[] attract = new double[y.length];
      double[] repel = new double[y.length];
      double z = Tsne.gradientTerms(p, y, n, dims, attract, repel);
      double h = 1e-6;
      for (int k = 0; k < y.length; k++) {
        double[] plus = y.clone();
        double[] minus = y.clone();
        plus[k] += h;
        minus[k] -= h;
        double numeric =
            (Tsne.klDivergence(p, plus, n, dims) - Tsne.klDivergence(p, minus, n, dims)) / (2 * h);
        assertThat(4 * (attract[k] - repel[k] / z)).isCloseTo(numeric, within(1e-7));
      }
    }
  }

  @Test
  void badInputNamesTheArgument() {
    double[][] x = new double[5][2];
    assertThatThrownBy(() -> Tsne.embed(x, TsneConfig.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perplexity");
    assertThatThrownBy(() -> Tsne.embed(new double[][] {{1, 2}, {3}}, TsneConfig.defaults(1)))
        .hasMessageContaining("x[1].length");
    assertThatThrownBy(() -> TsneConfig.defaults(1).withIterations(0))
        .hasMessageContaining("iterations");
  }
}
