package kr.bench.tsne;

/**
 * Cluster quality of labelled points in one space.
 *
 * @param knnAccuracy leave-one-out k-NN accuracy with {@link ClusterQuality#K} neighbours, in [0, 1]
 * @param silhouette mean silhouette, in [-1, 1]
 */
public record ClusterScores(double knnAccuracy, double silhouette) {
  public ClusterScores {
    kr.core.graph.Checks.inRange("knnAccuracy", knnAccuracy, 0, 1);
    kr.core.graph.Checks.inRange("silhouette", silhouette, -1, 1);
  }

  /** The scores of {@code x} under {@code labels}. */
  public static ClusterScores of(double[][] x, int[] labels) {
    return new ClusterScores(ClusterQuality.knnAccuracy(x, labels, ClusterQuality.K),
        ClusterQuality.silhouette(x, labels));
  }
}
