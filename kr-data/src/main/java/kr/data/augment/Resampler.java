package kr.data.augment;

import kr.data.Checks;
import kr.data.Image;

/** Separable two-pass resampling with an {@link Interpolation} filter, Pillow's algorithm. */
final class Resampler {
  private Resampler() {}

  static Image resizeRegion(
      Interpolation filter,
      Image image,
      int top,
      int left,
      int regionHeight,
      int regionWidth,
      int height,
      int width) {
    Checks.positive("regionHeight", regionHeight);
    Checks.positive("regionWidth", regionWidth);
    Checks.positive("height", height);
    Checks.positive("width", width);
    if (top < 0
        || left < 0
        || top + regionHeight > image.height()
        || left + regionWidth > image.width()) {
      throw new IllegalArgumentException(
          "region rows "
              + top
              + ".."
              + (top + regionHeight)
              + ", columns "
              + left
              + ".."
              + (left + regionWidth)
              + " outside image "
              + image.height()
              + "x"
              + image.width());
    }
    if (top == 0
        && left == 0
        && regionHeight == image.height()
        && regionWidth == image.width()
        && height == image.height()
        && width == image.width()) {
      return image;
    }
    int c = image.channels();
    Kernel kx = Kernel.of(filter, left, regionWidth, width, image.width());
    Kernel ky = Kernel.of(filter, top, regionHeight, height, image.height());
    // Horizontal pass over only the rows the vertical pass will read.
    int rowLo = ky.start[0];
    int rowHi = ky.start[height - 1] + ky.weights[height - 1].length;
    int rows = rowHi - rowLo;
    float[] src = image.pixels();
    float[] tmp = new float[rows * width * c];
    for (int y = 0; y < rows; y++) {
      int srcRow = (rowLo + y) * image.width() * c;
      for (int x = 0; x < width; x++) {
        float[] w = kx.weights[x];
        int base = srcRow + kx.start[x] * c;
        int o = (y * width + x) * c;
        for (int ch = 0; ch < c; ch++) {
          float acc = 0f;
          for (int k = 0; k < w.length; k++) {
            acc += w[k] * src[base + k * c + ch];
          }
          tmp[o + ch] = acc;
        }
      }
    }
    float[] dst = new float[height * width * c];
    int rowStride = width * c;
    for (int y = 0; y < height; y++) {
      float[] w = ky.weights[y];
      int base = (ky.start[y] - rowLo) * rowStride;
      int o = y * rowStride;
      for (int k = 0; k < w.length; k++) {
        float wk = w[k];
        int r = base + k * rowStride;
        for (int i = 0; i < rowStride; i++) {
          dst[o + i] += wk * tmp[r + i];
        }
      }
    }
    if (filter.clamps()) {
      for (int i = 0; i < dst.length; i++) {
        dst[i] = Math.min(255f, Math.max(0f, dst[i]));
      }
    }
    return Image.of(height, width, c, dst);
  }

  /** Per-output-index first source index and normalised filter weights along one axis. */
  private static final class Kernel {
    final int[] start;
    final float[][] weights;

    private Kernel(int[] start, float[][] weights) {
      this.start = start;
      this.weights = weights;
    }

    static Kernel of(Interpolation filter, int offset, int regionSize, int outSize, int inSize) {
      double scale = (double) regionSize / outSize;
      double filterScale = Math.max(1.0, scale);
      double support = filter.support() * filterScale; // widened when downsampling
      int[] start = new int[outSize];
      float[][] weights = new float[outSize][];
      for (int i = 0; i < outSize; i++) {
        double center = offset + (i + 0.5) * scale;
        int lo = Math.max(0, (int) Math.floor(center - support + 0.5));
        int hi = Math.min(inSize, (int) Math.floor(center + support + 0.5));
        if (hi <= lo) {
          hi = Math.min(inSize, lo + 1);
          lo = hi - 1;
        }
        double[] w = new double[hi - lo];
        double sum = 0;
        for (int j = lo; j < hi; j++) {
          double v = filter.weight((j + 0.5 - center) / filterScale);
          w[j - lo] = v;
          sum += v;
        }
        float[] wf = new float[w.length];
        for (int k = 0; k < w.length; k++) {
          wf[k] = sum > 0 ? (float) (w[k] / sum) : 1f / w.length;
        }
        start[i] = lo;
        weights[i] = wf;
      }
      return new Kernel(start, weights);
    }
  }
}
