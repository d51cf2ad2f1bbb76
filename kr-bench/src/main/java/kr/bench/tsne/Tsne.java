package kr.bench.tsne;

import java.util.Arrays;
import java.util.Random;
import kr.core.graph.Checks;

/**
 * Exact t-SNE (van der Maaten &amp; Hinton, "Visualizing Data using t-SNE", JMLR 9, 2008), for up
 * to {@link #MAX_POINTS} points: O(n²) memory and time per iteration, single-threaded, so equal
 * inputs and seeds give bit-identical embeddings.
 *
 * <p>As in the reference implementation ({@code tsne.py} by van der Maaten): each point's Gaussian
 * precision is found by binary search (tolerance 1e-5, at most 50 steps) so that its conditional
 * distribution over squared Euclidean distances has entropy {@code ln(perplexity)}; P is
 * symmetrised, {@code p_ij = (p_j|i + p_i|j) / 2n}, and floored at 1e-12; Q is the Student-t kernel
 * {@code (1 + |y_i - y_j|²)^-1} normalised over all pairs. Gradient descent uses momentum, early
 * exaggeration and the per-coordinate adaptive gains of the reference ({@code +0.2} when the
 * gradient changes sign against the last update, {@code ×0.8} otherwise, floored at {@code
 * minGain}), and re-centres the layout after every step. The gradient is the paper's exact {@code 4
 * Σ_j (p_ij - q_ij)(y_i - y_j)(1 + |y_i - y_j|²)^-1}; the initial layout is drawn from N(0, 1e-4²)
 * as in the paper. No PCA is applied first: distances are those of the input.
 */
public final class Tsne {
  /** The largest point count accepted (the P matrix alone is {@code 8 n²} bytes). */
  public static final int MAX_POINTS = 2_000;

  static final double ENTROPY_TOLERANCE = 1e-5;
  static final int BINARY_SEARCH_STEPS = 50;
  static final double P_FLOOR = 1e-12;
  static final double INITIAL_SCALE = 1e-4;

  private Tsne() {}

  /**
   * Embeds {@code x} ({@code n × d}, finite) into {@code config.dimensions()} dimensions.
   *
   * @throws IllegalArgumentException if {@code n} is below 2 or above {@link #MAX_POINTS}, the rows
   *     are ragged or not finite, or the perplexity is not below {@code n - 1}
   */
  public static TsneResult embed(double[][] x, TsneConfig config) {
    Checks.notNull("config", config);
    Matrices.columns("x", x);
    int n = x.length;
    Checks.check(
        n >= 2 && n <= MAX_POINTS,
        "number of points",
        n,
        "must be in [2, " + MAX_POINTS + "] for exact t-SNE");
    Checks.check(
        config.perplexity() < n - 1,
        "perplexity",
        config.perplexity(),
        "must be below the number of points minus one (" + (n - 1) + ")");
    double[] p = jointProbabilities(Matrices.squaredDistances(x), n, config.perplexity());
    double[] y = optimise(p, n, config);
    double[][] points = new double[n][config.dimensions()];
    for (int i = 0; i < n; i++) {
      System.arraycopy(y, i * config.dimensions(), points[i], 0, config.dimensions());
    }
    return new TsneResult(points, klDivergence(p, y, n, config.dimensions()));
  }

  /** Symmetric joint P ({@code n × n}, zero diagonal, floored off the diagonal). */
  static double[] jointProbabilities(double[] dist, int n, double perplexity) {
    double[] cond = new double[n * n];
    double[] row = new double[n];
    for (int i = 0; i < n; i++) {
      conditional(dist, i, n, Math.log(perplexity), row);
      System.arraycopy(row, 0, cond, i * n, n);
    }
    double[] p = new double[n * n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = cond[i * n + j] + cond[j * n + i];
        p[i * n + j] = s;
        p[j * n + i] = s;
        total += 2 * s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          p[i * n + j] = Math.max(p[i * n + j] / total, P_FLOOR);
        }
      }
    }
    return p;
  }

  /**
   * {@code p_j|i} of point {@code i} into {@code out} (zero at {@code i}), its precision found by
   * binary search on the entropy. Distances are shifted by the row's minimum, which leaves P and
   * the entropy unchanged and keeps the exponentials from underflowing.
   */
  static void conditional(double[] dist, int i, int n, double targetEntropy, double[] out) {
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (j != i) {
        min = Math.min(min, dist[i * n + j]);
      }
    }
    double beta = 1;
    double betaMin = Double.NEGATIVE_INFINITY;
    double betaMax = Double.POSITIVE_INFINITY;
    for (int step = 0; ; step++) {
      double sum = 0;
      double weighted = 0;
      for (int j = 0; j < n; j++) {
        double d = dist[i * n + j] - min;
        double v = j == i ? 0 : Math.exp(-d * beta);
        out[j] = v;
        sum += v;
        weighted += d * v;
      }
      double entropy = Math.log(sum) + beta * weighted / sum;
      double diff = entropy - targetEntropy;
      if (Math.abs(diff) <= ENTROPY_TOLERANCE || step + 1 >= BINARY_SEARCH_STEPS) {
        for (int j = 0; j < n; j++) {
          out[j] /= sum;
        }
        return;
      }
      if (diff > 0) {
        betaMin = beta;
        beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
      }
    }
  }

  /** Gradient descent from the seeded layout; returns {@code n × dims} row-major. */
  static double[] optimise(double[] p, int n, TsneConfig c) {
    int dims = c.dimensions();
    Random random = new Random(c.seed());
    double[] y = new double[n * dims];
    for (int k = 0; k < y.length; k++) {
      y[k] = INITIAL_SCALE * random.nextGaussian();
    }
    double[] update = new double[y.length];
    double[] gains = new double[y.length];
    Arrays.fill(gains, 1);
    double[] attract = new double[y.length];
    double[] repel = new double[y.length];
    for (int it = 0; it < c.iterations(); it++) {
      boolean early = it < c.exaggerationIterations();
      double exaggeration = early ? c.earlyExaggeration() : 1;
      double momentum = early ? c.initialMomentum() : c.finalMomentum();
      double z = gradientTerms(p, y, n, dims, attract, repel);
      for (int k = 0; k < y.length; k++) {
        double grad = 4 * (exaggeration * attract[k] - repel[k] / z);
        boolean sameSign = (grad > 0) == (update[k] > 0);
        gains[k] = Math.max(sameSign ? gains[k] * 0.8 : gains[k] + 0.2, c.minGain());
        update[k] = momentum * update[k] - c.learningRate() * gains[k] * grad;
        y[k] += update[k];
      }
      centre(y, n, dims);
    }
    return y;
  }

  /**
   * One pass over the pairs: {@code attract_i = Σ_j p_ij w_ij (y_i - y_j)} and {@code repel_i = Σ_j
   * w_ij² (y_i - y_j)} with {@code w_ij = (1 + |y_i - y_j|²)^-1}; returns {@code Z = Σ_{i≠j} w_ij},
   * so that the KL gradient is {@code 4 (attract - repel / Z)}.
   */
  static double gradientTerms(
      double[] p, double[] y, int n, int dims, double[] attract, double[] repel) {
    Arrays.fill(attract, 0);
    Arrays.fill(repel, 0);
    double z = 0;
    if (dims == 2) {
      for (int i = 0; i < n; i++) {
        double yi0 = y[2 * i];
        double yi1 = y[2 * i + 1];
        double a0 = 0;
        double a1 = 0;
        double r0 = 0;
        double r1 = 0;
        int rowOffset = i * n;
        for (int j = i + 1; j < n; j++) {
          double d0 = yi0 - y[2 * j];
          double d1 = yi1 - y[2 * j + 1];
          double w = 1 / (1 + d0 * d0 + d1 * d1);
          z += w;
          double pw = p[rowOffset + j] * w;
          double ww = w * w;
          a0 += pw * d0;
          a1 += pw * d1;
          r0 += ww * d0;
          r1 += ww * d1;
          attract[2 * j] -= pw * d0;
          attract[2 * j + 1] -= pw * d1;
          repel[2 * j] -= ww * d0;
          repel[2 * j + 1] -= ww * d1;
        }
        attract[2 * i] += a0;
        attract[2 * i + 1] += a1;
        repel[2 * i] += r0;
        repel[2 * i + 1] += r1;
      }
      return 2 * z;
    }
    double[] diff = new double[dims];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int c = 0; c < dims; c++) {
          diff[c] = y[i * dims + c] - y[j * dims + c];
          s += diff[c] * diff[c];
        }
        double w = 1 / (1 + s);
        z += w;
        double pw = p[i * n + j] * w;
        double ww = w * w;
        for (int c = 0; c < dims; c++) {
          attract[i * dims + c] += pw * diff[c];
          attract[j * dims + c] -= pw * diff[c];
          repel[i * dims + c] += ww * diff[c];
          repel[j * dims + c] -= ww * diff[c];
        }
      }
    }
    return 2 * z;
  }

  /** KL(P ‖ Q) of a layout. */
  static double klDivergence(double[] p, double[] y, int n, int dims) {
    double[] w = new double[n * n];
    double z = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int c = 0; c < dims; c++) {
          double d = y[i * dims + c] - y[j * dims + c];
          s += d * d;
        }
        w[i * n + j] = 1 / (1 + s);
        z += 2 * w[i * n + j];
      }
    }
    double kl = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double pij = p[i * n + j];
        kl += 2 * pij * Math.log(pij * z / w[i * n + j]);
      }
    }
    return kl;
  }

  private static void centre(double[] y, int n, int dims) {
    for (int c = 0; c < dims; c++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += y[i * dims + c];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        y[i * dims + c] -= mean;
      }
    }
  }
}
