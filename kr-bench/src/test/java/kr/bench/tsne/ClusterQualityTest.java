package kr.bench.tsne;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClusterQualityTest {
  static double[][] column(double... v) {
    double[][] x = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      x[i][0] = v[i];
    }
    return x;
  }

  @Test
  void silhouetteByHand() {
    // class 0 at 0 and 1, class 1 at 4 and 6:
    // s(0) = (5 - 1) / 5, s(1) = (4 - 1) / 4, s(4) = (3.5 - 2) / 3.5, s(6) = (5.5 - 2) / 5.5
    double expected = (0.8 + 0.75 + 3.0 / 7 + 7.0 / 11) / 4;
    assertThat(ClusterQuality.silhouette(column(0, 1, 4, 6), new int[] {0, 0, 1, 1}))
        .isCloseTo(expected, within(1e-15));
  }

  @Test
  void silhouetteOfASingletonClassIsZero() {
    // the singleton scores 0; s(0) = (4 - 1) / 4, s(1) = (3 - 1) / 3
    double expected = (0.75 + 2.0 / 3 + 0) / 3;
    assertThat(ClusterQuality.silhouette(column(0, 1, 4), new int[] {0, 0, 1}))
        .isCloseTo(expected, within(1e-15));
  }

  @Test
  void trustworthinessByHand() {
    // original 0, 1, 3, 7; embedded 0, 5, 1, 2.5; k = 1.
    // embedded nearest: 0->2 (original rank 2), 1->3 (rank 3), 2->0 (rank 2), 3->2 (rank 1)
    // penalty (2-1) + (3-1) + (2-1) + 0 = 4; T = 1 - 2 * 4 / (4 * 1 * (8 - 3 - 1)) = 0.5
    assertThat(ClusterQuality.trustworthiness(column(0, 1, 3, 7), column(0, 5, 1, 2.5), 1))
        .isEqualTo(0.5);
    assertThat(ClusterQuality.trustworthiness(column(0, 1, 3, 7), column(0, 2, 6, 14), 1))
        .isEqualTo(1.0);
  }

  @Test
  void knnAccuracyByHand() {
    // k = 3. Point 3.0 (class 1) has neighbours 4 (1), 2 (0), 1 (0): outvoted. Point 2 has
    // neighbours 3 (1), 1 (0), 0 (0): right. All others are right.
    double[][] x = column(0, 1, 2, 3, 4, 5, 6);
    int[] labels = {0, 0, 0, 1, 1, 1, 1};
    assertThat(ClusterQuality.knnAccuracy(x, labels, 3)).isEqualTo(6.0 / 7);
    // k = 2 at point 3: votes 1 (at 4) and 0 (at 2) tie at distance 1; the nearer index-first
    // neighbour, 2, reaches the count first, so class 0 wins and point 3 is wrong; point 2's
    // neighbours 1 (0) and 3 (1) tie and 1 comes first: right.
    assertThat(ClusterQuality.knnAccuracy(x, labels, 2)).isEqualTo(6.0 / 7);
  }

  @Test
  void badInputNamesTheArgument() {
    assertThatThrownBy(() -> ClusterQuality.silhouette(column(0, 1), new int[] {0, 0}))
        .hasMessageContaining("labels")
        .hasMessageContaining("at least 2 classes");
    assertThatThrownBy(() -> ClusterQuality.knnAccuracy(column(0, 1), new int[] {0}, 1))
        .hasMessageContaining("labels.length");
    assertThatThrownBy(() -> ClusterQuality.trustworthiness(column(0, 1, 2), column(0, 1, 2), 2))
        .hasMessageContaining("k");
    assertThatThrownBy(
            () ->
                ClusterQuality.knnAccuracy(new double[][] {{0}, {Double.NaN}}, new int[] {0, 1}, 1))
        .hasMessageContaining("x[1][0]");
  }
}
