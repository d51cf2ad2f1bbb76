package kr.bench.tsne;

import kr.core.graph.Checks;

/** Validation and pairwise distances of row-major point sets ({@code double[n][d]}). */
final class Matrices {
  private Matrices() {}

  /** Checks a non-empty rectangular matrix of finite numbers; returns its column count. */
  static int columns(String name, double[][] x) {
    Checks.notNull(name, x);
    Checks.check(x.length > 0, name, x.length, "must have at least one row");
    Checks.notNull(name + "[0]", x[0]);
    int d = x[0].length;
    Checks.check(d > 0, name + "[0].length", d, "must be > 0");
    for (int i = 0; i < x.length; i++) {
      Checks.notNull(name + "[" + i + "]", x[i]);
      Checks.check(
          x[i].length == d,
          name + "[" + i + "].length",
          x[i].length,
          "must equal the first row's length " + d);
      for (int j = 0; j < d; j++) {
        Checks.check(
            Double.isFinite(x[i][j]), name + "[" + i + "][" + j + "]", x[i][j], "must be finite");
      }
    }
    return d;
  }

  /** Checks one label per row, each >= 0. */
  static void labels(int[] labels, int rows) {
    Checks.notNull("labels", labels);
    Checks.check(
        labels.length == rows,
        "labels.length",
        labels.length,
        "must equal the number of points " + rows);
    for (int i = 0; i < labels.length; i++) {
      Checks.nonNegative("labels[" + i + "]", labels[i]);
    }
  }

  /** Squared Euclidean distances, row-major {@code n × n}, exactly symmetric, zero diagonal. */
  static double[] squaredDistances(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      for (int j = i + 1; j < n; j++) {
        double[] xj = x[j];
        double s = 0;
        for (int c = 0; c < d; c++) {
          double diff = xi[c] - xj[c];
          s += diff * diff;
        }
        out[i * n + j] = s;
        out[j * n + i] = s;
      }
    }
    return out;
  }

  /**
   * The {@code k} nearest other points of {@code i} into {@code out[0, k)}, nearest first; equal
   * distances are ordered by index.
   */
  static void nearest(double[] dist, int n, int i, int k, int[] out) {
    int count = 0;
    for (int j = 0; j < n; j++) {
      if (j == i) {
        continue;
      }
      double d = dist[i * n + j];
      if (count == k && !(d < dist[i * n + out[k - 1]])) {
        continue;
      }
      int pos = count < k ? count++ : k - 1;
      while (pos > 0 && dist[i * n + out[pos - 1]] > d) {
        out[pos] = out[pos - 1];
        pos--;
      }
      out[pos] = j;
    }
  }

  /**
   * The rank of {@code j} among the other points of {@code i} by distance (nearest = 1, equal
   * distances ordered by index).
   */
  static int rank(double[] dist, int n, int i, int j) {
    double d = dist[i * n + j];
    int closer = 0;
    for (int m = 0; m < n; m++) {
      double dm = dist[i * n + m];
      if (m != i && (dm < d || (dm == d && m < j))) {
        closer++;
      }
    }
    return closer + 1;
  }
}
