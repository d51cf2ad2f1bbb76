package kr.bench.tsne;

import kr.core.graph.Checks;

/**
 * Cluster quality of labelled points in one space.
 *
 * @param knnAccuracy leave-one-out k-NN accuracy with {@link ClusterQuality#K} neighbours, in [0,
 *     1]
 * @param silhouette mean silhouette, in [-1, 1]
 */
public record ClusterScores(double knnAccuracy, double silhouette) {
  public ClusterScores {
    Checks.inRange("knnAccuracy", knnAccuracy, 0, 1);
    Checks.inRange("silhouette", silhouette, -1, 1);
  }

  /** The scores of {@code x} under {@code labels}. */
  public static ClusterScores of(double[][] x, int[] labels) {
    return new ClusterScores(
        ClusterQuality.knnAccuracy(x, labels, ClusterQuality.K),
        ClusterQuality.silhouette(x, labels));
  }
}
