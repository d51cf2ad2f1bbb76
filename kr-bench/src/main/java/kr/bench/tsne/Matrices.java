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
      Checks.check(x[i].length == d, name + "[" + i + "].length", x[i].length,
          "must equal the first row's length " + d);
      for (int j = 0; j < d; j++) {
        Checks.check(Double.isFinite(x[i][j]), name + "[" + i + "][" + j + "]", x[i][j],
            "must be finite");
      }
    }
    return d;
  }

  /** Checks one label per row, each >= 0. */
  static void labels(int[] labels, int rows) {
    Checks.notNull("labels", labels);
    Checks.check(labels.length == rows, "labels.length", labels.length,
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
   * For each point, the other points ordered by increasing distance (ties by index), as
   * {@code n × (n - 1)} row-major indices.
   */
  static int[] neighbourOrder(double[] dist, int n) {
    int[] out = new int[n * (n - 1)];
    int[] idx = new int[n - 1];
    int[] tmp = new int[n - 1];
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(dist, i * n, key, 0, n);
      for (int j = 0, c = 0; j < n; j++) {
        if (j != i) {
          idx[c++] = j;
        }
      }
      mergeSort(idx, tmp, key, 0, n - 1);
      System.arraycopy(idx, 0, out, i * (n - 1), n - 1);
    }
    return out;
  }

  /** Stable sort of {@code idx[lo, hi)} by {@code key[idx]}. */
  private static void mergeSort(int[] idx, int[] tmp, double[] key, int lo, int hi) {
    if (hi - lo < 2) {
      return;
    }
    if (hi - lo <= 16) {
      for (int i = lo + 1; i < hi; i++) {
        int v = idx[i];
        int j = i - 1;
        while (j >= lo && key[idx[j]] > key[v]) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(idx, tmp, key, lo, mid);
    mergeSort(idx, tmp, key, mid, hi);
    if (key[idx[mid - 1]] <= key[idx[mid]]) {
      return;
    }
    System.arraycopy(idx, lo, tmp, lo, hi - lo);
    int a = lo;
    int b = mid;
    for (int k = lo; k < hi; k++) {
      if (b >= hi || (a < mid && key[tmp[a]] <= key[tmp[b]])) {
        idx[k] = tmp[a++];
      } else {
        idx[k] = tmp[b++];
      }
    }
  }
}
