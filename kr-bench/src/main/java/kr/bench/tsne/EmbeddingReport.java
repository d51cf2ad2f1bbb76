package kr.bench.tsne;

import kr.core.graph.Checks;

/**
 * One feature set, embedded: its cluster quality before and after t-SNE and how faithful the
 * embedding is.
 *
 * @param name what the features are (e.g. {@code static}, {@code KR})
 * @param points number of points
 * @param features scores in the original feature space
 * @param embedding scores in the t-SNE embedding
 * @param trustworthiness trustworthiness of the embedding with {@link ClusterQuality#K} neighbours
 * @param klDivergence final KL(P ‖ Q) of the t-SNE layout
 */
public record EmbeddingReport(
    String name,
    int points,
    ClusterScores features,
    ClusterScores embedding,
    double trustworthiness,
    double klDivergence) {
  public EmbeddingReport {
    Checks.notNull("name", name);
    Checks.positive("points", points);
    Checks.notNull("features", features);
    Checks.notNull("embedding", embedding);
    Checks.inRange("trustworthiness", trustworthiness, 0, 1);
  }

  /** Scores {@code features} and its layout {@code tsne}. */
  public static EmbeddingReport of(
      String name, double[][] features, int[] labels, TsneResult tsne) {
    double[][] y = tsne.points();
    return new EmbeddingReport(
        name,
        features.length,
        ClusterScores.of(features, labels),
        ClusterScores.of(y, labels),
        ClusterQuality.trustworthiness(features, y, ClusterQuality.K),
        tsne.klDivergence());
  }
}
