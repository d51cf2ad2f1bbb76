package kr.bench.tsne;

import java.util.Arrays;
import kr.core.graph.Checks;

/**
 * How well labelled points cluster, in Euclidean distance: leave-one-out k-NN accuracy, the
 * silhouette score (Rousseeuw 1987) and trustworthiness (Venna &amp; Kaski 2001). All are exact
 * O(n²) computations; neighbours at equal distance are ordered by index.
 */
public final class ClusterQuality {
  /** The neighbour count of the reported k-NN accuracy and trustworthiness. */
  public static final int K = 5;

  private ClusterQuality() {}

  /**
   * Leave-one-out k-NN accuracy: the fraction of points whose {@code k} nearest other points vote
   * for their label. A tied vote goes to the tied class that reached the winning count first,
   * walking the neighbours from the nearest.
   */
  public static double knnAccuracy(double[][] x, int[] labels, int k) {
    Matrices.columns("x", x);
    Matrices.labels(labels, x.length);
    int n = x.length;
    Checks.check(k >= 1 && k < n, "k", k, "must be in [1, " + (n - 1) + "]");
    double[] dist = Matrices.squaredDistances(x);
    int[] near = new int[k];
    int classes = 0;
    for (int label : labels) {
      classes = Math.max(classes, label + 1);
    }
    int[] votes = new int[classes];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(votes, 0);
      Matrices.nearest(dist, n, i, k, near);
      int best = -1;
      for (int r = 0; r < k; r++) {
        int label = labels[near[r]];
        votes[label]++;
        if (best < 0 || votes[label] > votes[best]) {
          best = label;
        }
      }
      if (best == labels[i]) {
        correct++;
      }
    }
    return (double) correct / n;
  }

  /**
   * Mean silhouette {@code (b - a) / max(a, b)} over all points, where {@code a} is the mean
   * distance to the other members of the point's class and {@code b} the smallest mean distance to
   * another class; a point alone in its class scores 0 (as scikit-learn).
   *
   * @throws IllegalArgumentException with fewer than two classes
   */
  public static double silhouette(double[][] x, int[] labels) {
    Matrices.columns("x", x);
    Matrices.labels(labels, x.length);
    int n = x.length;
    int classes = 0;
    for (int label : labels) {
      classes = Math.max(classes, label + 1);
    }
    int[] sizes = new int[classes];
    for (int label : labels) {
      sizes[label]++;
    }
    int present = 0;
    for (int s : sizes) {
      present += s > 0 ? 1 : 0;
    }
    Checks.check(present >= 2, "labels", present + " class(es)", "must name at least 2 classes");
    double[] dist = Matrices.squaredDistances(x);
    double[] sums = new double[classes];
    double total = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(sums, 0);
      for (int j = 0; j < n; j++) {
        sums[labels[j]] += Math.sqrt(dist[i * n + j]);
      }
      int own = labels[i];
      if (sizes[own] == 1) {
        continue;
      }
      double a = sums[own] / (sizes[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        if (c != own && sizes[c] > 0) {
          b = Math.min(b, sums[c] / sizes[c]);
        }
      }
      double m = Math.max(a, b);
      total += m == 0 ? 0 : (b - a) / m;
    }
    return total / n;
  }

  /**
   * Trustworthiness of an embedding (Venna &amp; Kaski): {@code 1 - 2 / (n k (2n - 3k - 1)) Σ_i
   * Σ_{j ∈ U_k(i)} (r(i, j) - k)}, where {@code U_k(i)} are the points among the {@code k} nearest
   * of {@code i} in the embedding that are not among its {@code k} nearest in the original space,
   * and {@code r(i, j)} is the rank of {@code j} by original distance from {@code i} (nearest = 1).
   *
   * @param original {@code n × d} points
   * @param embedded the same points, {@code n × d'}
   * @param k neighbours, with {@code k < n / 2}
   */
  public static double trustworthiness(double[][] original, double[][] embedded, int k) {
    Matrices.columns("original", original);
    Matrices.columns("embedded", embedded);
    int n = original.length;
    Checks.check(
        embedded.length == n,
        "embedded.length",
        embedded.length,
        "must equal the number of original points " + n);
    Checks.check(k >= 1 && 2 * k < n, "k", k, "must be >= 1 and below half the points (" + n + ")");
    double[] originalDist = Matrices.squaredDistances(original);
    double[] embeddedDist = Matrices.squaredDistances(embedded);
    int[] near = new int[k];
    long penalty = 0;
    for (int i = 0; i < n; i++) {
      Matrices.nearest(embeddedDist, n, i, k, near);
      for (int j : near) {
        int rank = Matrices.rank(originalDist, n, i, j);
        if (rank > k) {
          penalty += rank - k;
        }
      }
    }
    return 1 - 2.0 * penalty / ((double) n * k * (2.0 * n - 3.0 * k - 1));
  }
}
