package kr.core.testing;

/**
 * Direct per-sample reference computations in plain Java (float64), with the per-sample kernel
 * materialised explicitly, for checking the graph implementations.
 */
public final class NaiveDynamic {
  private NaiveDynamic() {}

  /**
   * Per-sample kernel W_b[i,j,c,o] = Σ_k α[b,k]·W[k,i,j,c,o] · spatial[b,i·kw+j] · inCh[b, channel
   * of c] · outCh[b,o], flattened as [B][k·k·cin_g·cout].
   */
  public static double[][] kernels(
      double[] w,
      int n,
      int kk,
      int cinG,
      int cout,
      int groups,
      int batch,
      double[] alpha,
      double[] inCh,
      double[] outCh,
      double[] spatial) {
    int size = kk * kk * cinG * cout;
    double[][] out = new double[batch][size];
    int coutG = cout / groups;
    for (int b = 0; b < batch; b++) {
      for (int idx = 0; idx < size; idx++) {
        int o = idx % cout;
        int c = (idx / cout) % cinG;
        int pos = idx / (cout * cinG);
        double v = 0;
        for (int k = 0; k < n; k++) {
          v += (alpha == null ? 1 : alpha[b * n + k]) * w[k * size + idx];
        }
        if (spatial != null) {
          v *= spatial[b * kk * kk + pos];
        }
        if (inCh != null) {
          int channel = (o / coutG) * cinG + c;
          v *= inCh[b * cinG * groups + channel];
        }
        if (outCh != null) {
          v *= outCh[b * cout + o];
        }
        out[b][idx] = v;
      }
    }
    return out;
  }

  /** Direct convolution of NHWC x with per-sample kernels, zero padding (top, left) as given. */
  public static double[] conv(
      double[] x,
      int batch,
      int h,
      int w,
      int cin,
      double[][] kern,
      int kk,
      int cout,
      int groups,
      int stride,
      int padTop,
      int padLeft,
      int ho,
      int wo) {
    int cinG = cin / groups;
    int coutG = cout / groups;
    double[] y = new double[batch * ho * wo * cout];
    for (int b = 0; b < batch; b++) {
      for (int oh = 0; oh < ho; oh++) {
        for (int ow = 0; ow < wo; ow++) {
          for (int o = 0; o < cout; o++) {
            double acc = 0;
            int g = o / coutG;
            for (int i = 0; i < kk; i++) {
              int ih = oh * stride + i - padTop;
              if (ih < 0 || ih >= h) {
                continue;
              }
              for (int j = 0; j < kk; j++) {
                int iw = ow * stride + j - padLeft;
                if (iw < 0 || iw >= w) {
                  continue;
                }
                for (int c = 0; c < cinG; c++) {
                  double xv = x[((b * h + ih) * w + iw) * cin + g * cinG + c];
                  acc += xv * kern[b][((i * kk + j) * cinG + c) * cout + o];
                }
              }
            }
            y[((b * ho + oh) * wo + ow) * cout + o] = acc;
          }
        }
      }
    }
    return y;
  }
}
