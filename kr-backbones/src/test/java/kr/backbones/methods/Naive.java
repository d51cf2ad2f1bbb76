package kr.backbones.methods;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import kr.core.testing.NaiveDynamic;

/**
 * Direct reference computations in plain Java (float64) for the method tests: row-major arrays,
 * NHWC feature maps, per-sample kernels materialised explicitly in the kernel layout [k, k, C_in/g,
 * C_out].
 */
final class Naive {
  private Naive() {}

  static final double BN_EPS = 1e-5;

  /** GAP of x [B, H, W, C] → [B][C]. */
  static double[][] gap(double[] x, int b, int h, int w, int c) {
    return pool(x, b, h, w, c, 1);
  }

  /** AdaptiveAvgPool2d(p) flattened in (row, column, channel) order → [B][p·p·C]. */
  static double[][] pool(double[] x, int b, int h, int w, int c, int p) {
    double[][] out = new double[b][p * p * c];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < p; i++) {
        int h0 = Math.floorDiv(i * h, p);
        int h1 = -Math.floorDiv(-(i + 1) * h, p);
        for (int j = 0; j < p; j++) {
          int w0 = Math.floorDiv(j * w, p);
          int w1 = -Math.floorDiv(-(j + 1) * w, p);
          for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int y = h0; y < h1; y++) {
              for (int z = w0; z < w1; z++) {
                s += x[((n * h + y) * w + z) * c + ch];
              }
            }
            out[n][(i * p + j) * c + ch] = s / ((h1 - h0) * (w1 - w0));
          }
        }
      }
    }
    return out;
  }

  /** x [B][in] · kernel [in, out] (+ bias). */
  static double[][] linear(double[][] x, double[] kernel, double[] bias, int out) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int n = 0; n < x.length; n++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int i = 0; i < in; i++) {
          s += x[n][i] * kernel[i * out + o];
        }
        y[n][o] = s;
      }
    }
    return y;
  }

  /** Training-mode batch norm over the rows of x [N][C] (biased variance). */
  static double[][] batchNorm(double[][] x, double[] gamma, double[] beta) {
    int n = x.length;
    int c = x[0].length;
    double[][] y = new double[n][c];
    for (int ch = 0; ch < c; ch++) {
      double m = 0;
      for (double[] row : x) {
        m += row[ch];
      }
      m /= n;
      double v = 0;
      for (double[] row : x) {
        v += (row[ch] - m) * (row[ch] - m);
      }
      v /= n;
      for (int i = 0; i < n; i++) {
        y[i][ch] = gamma[ch] * (x[i][ch] - m) / Math.sqrt(v + BN_EPS) + beta[ch];
      }
    }
    return y;
  }

  static double[][] map(double[][] x, DoubleUnaryOperator f) {
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      y[i] = Arrays.stream(x[i]).map(f).toArray();
    }
    return y;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  static double relu(double z) {
    return Math.max(0, z);
  }

  static double hsigmoid3(double z) {
    return Math.min(Math.max(z + 3, 0), 6) / 3;
  }

  static double[][] softmax(double[][] z, double t) {
    double[][] y = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      double max = Arrays.stream(z[i]).max().orElseThrow();
      double[] e = Arrays.stream(z[i]).map(v -> Math.exp((v - max) / t)).toArray();
      double s = Arrays.stream(e).sum();
      y[i] = Arrays.stream(e).map(v -> v / s).toArray();
    }
    return y;
  }

  /** The same kernel for every sample. */
  static double[][] shared(double[] kernel, int b) {
    double[][] k = new double[b][];
    for (int i = 0; i < b; i++) {
      k[i] = kernel;
    }
    return k;
  }

  /** Σ_k α[b][k]·W[k] (+ optional ODConv attentions): NaiveDynamic.kernels of the flat rows. */
  static double[][] mix(
      double[] w,
      int n,
      int kk,
      int cinG,
      int cout,
      int groups,
      double[][] alpha,
      double[][] inCh,
      double[][] outCh,
      double[][] spatial,
      int batch) {
    return NaiveDynamic.kernels(
        w, n, kk, cinG, cout, groups, batch, flat(alpha), flat(inCh), flat(outCh), flat(spatial));
  }

  /** The rows one after another; null stays null (the attention is absent). */
  private static double[] flat(double[][] rows) {
    return rows == null ? null : Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
  }
}
