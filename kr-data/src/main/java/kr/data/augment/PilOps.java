package kr.data.augment;

import java.util.Arrays;
import kr.data.Image;

/**
 * The Pillow operations RandAugment is built from, on images holding integer values 0..255 (see
 * {@link #quantize}), with Pillow's rounding: look-up-table ops map integers to integers, blends
 * ({@code ImageEnhance}) truncate towards zero after clamping, filters and affine resampling round
 * to nearest.
 */
final class PilOps {
  private PilOps() {}

  /**
   * @return a copy with every value rounded to the nearest integer and clamped to 0..255 (Pillow's
   *     8-bit image)
   */
  static Image quantize(Image image) {
    float[] src = image.pixels();
    float[] out = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = clamp8(Math.round(src[i]));
    }
    return Image.of(image.height(), image.width(), image.channels(), out);
  }

  static float clamp8(double v) {
    return (float) Math.max(0, Math.min(255, v));
  }

  /** Applies {@code lut} (256 entries) to every value. */
  static Image lut(Image image, int[] lut) {
    float[] src = image.pixels();
    float[] out = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = lut[(int) src[i]];
    }
    return Image.of(image.height(), image.width(), image.channels(), out);
  }

  /** Applies one 256-entry table per channel. */
  static Image lutPerChannel(Image image, int[][] luts) {
    float[] src = image.pixels();
    float[] out = new float[src.length];
    int c = image.channels();
    for (int i = 0; i < src.length; i++) {
      out[i] = luts[i % c][(int) src[i]];
    }
    return Image.of(image.height(), image.width(), c, out);
  }

  static int[][] histograms(Image image) {
    int c = image.channels();
    int[][] h = new int[c][256];
    float[] src = image.pixels();
    for (int i = 0; i < src.length; i++) {
      h[i % c][(int) src[i]]++;
    }
    return h;
  }

  /** {@code ImageOps.invert}. */
  static Image invert(Image image) {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = 255 - i;
    }
    return lut(image, lut);
  }

  /** {@code ImageOps.posterize}: keeps the {@code bits} most significant bits (0 gives black). */
  static Image posterize(Image image, int bits) {
    if (bits >= 8) {
      return image;
    }
    int mask = ~((1 << (8 - Math.max(0, bits))) - 1);
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = i & mask;
    }
    return lut(image, lut);
  }

  /** {@code ImageOps.solarize}: inverts every value {@code >= threshold}. */
  static Image solarize(Image image, int threshold) {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = i < threshold ? i : 255 - i;
    }
    return lut(image, lut);
  }

  /**
   * timm's {@code solarize_add}: adds {@code add} (saturating) to every value below {@code
   * threshold}.
   */
  static Image solarizeAdd(Image image, int add, int threshold) {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = i < threshold ? Math.min(255, i + add) : i;
    }
    return lut(image, lut);
  }

  /**
   * {@code ImageOps.autocontrast} with no cutoff: stretches each channel's [min, max] to [0, 255].
   */
  static Image autoContrast(Image image) {
    int[][] h = histograms(image);
    int[][] luts = new int[h.length][256];
    for (int ch = 0; ch < h.length; ch++) {
      int lo = 0;
      while (lo < 255 && h[ch][lo] == 0) {
        lo++;
      }
      int hi = 255;
      while (hi > 0 && h[ch][hi] == 0) {
        hi--;
      }
      for (int i = 0; i < 256; i++) {
        if (hi <= lo) {
          luts[ch][i] = i;
        } else {
          double scale = 255.0 / (hi - lo);
          int v = (int) (i * scale - lo * scale);
          luts[ch][i] = Math.max(0, Math.min(255, v));
        }
      }
    }
    return lutPerChannel(image, luts);
  }

  /**
   * {@code ImageOps.equalize}: per-channel histogram equalisation with Pillow's step {@code (n −
   * last) // 256}.
   */
  static Image equalize(Image image) {
    int[][] h = histograms(image);
    int[][] luts = new int[h.length][256];
    for (int ch = 0; ch < h.length; ch++) {
      int nonZero = 0;
      int total = 0;
      int last = 0;
      for (int i = 0; i < 256; i++) {
        if (h[ch][i] > 0) {
          nonZero++;
          total += h[ch][i];
          last = h[ch][i];
        }
      }
      int step = nonZero <= 1 ? 0 : (total - last) / 256;
      if (step == 0) {
        for (int i = 0; i < 256; i++) {
          luts[ch][i] = i;
        }
        continue;
      }
      int n = step / 2;
      for (int i = 0; i < 256; i++) {
        luts[ch][i] = Math.min(255, n / step);
        n += h[ch][i];
      }
    }
    return lutPerChannel(image, luts);
  }

  /**
   * {@code Image.blend(degenerate, image, factor)}: {@code d + factor·(x − d)}, clamped, truncated.
   */
  static Image blend(Image degenerate, Image image, double factor) {
    float[] d = degenerate.pixels();
    float[] x = image.pixels();
    float[] out = new float[x.length];
    float f = (float) factor;
    for (int i = 0; i < x.length; i++) {
      float t = d[i] + f * (x[i] - d[i]);
      out[i] = t <= 0 ? 0 : t >= 255 ? 255 : (float) Math.floor(t);
    }
    return Image.of(image.height(), image.width(), image.channels(), out);
  }

  /**
   * Pillow's {@code convert("L")}: {@code (19595 R + 38470 G + 7471 B + 2^15) >> 16}; a 1-channel
   * image as is.
   */
  static int[] luma(Image image) {
    int n = image.height() * image.width();
    int[] l = new int[n];
    float[] p = image.pixels();
    int c = image.channels();
    for (int i = 0; i < n; i++) {
      l[i] =
          c >= 3
              ? ((int) p[i * c] * 19595
                      + (int) p[i * c + 1] * 38470
                      + (int) p[i * c + 2] * 7471
                      + 0x8000)
                  >> 16
              : (int) p[i * c];
    }
    return l;
  }

  /** {@code ImageEnhance.Color}: blend with the grey version. */
  static Image color(Image image, double factor) {
    if (image.channels() < 3) {
      return image;
    }
    int[] l = luma(image);
    int c = image.channels();
    float[] g = image.pixels().clone();
    for (int i = 0; i < l.length; i++) {
      for (int ch = 0; ch < 3; ch++) {
        g[i * c + ch] = l[i];
      }
    }
    return blend(Image.of(image.height(), image.width(), c, g), image, factor);
  }

  /** {@code ImageEnhance.Contrast}: blend with a constant image at the rounded mean grey level. */
  static Image contrast(Image image, double factor) {
    int[] l = luma(image);
    double sum = 0;
    for (int v : l) {
      sum += v;
    }
    int mean = (int) (sum / l.length + 0.5);
    float[] d = new float[image.pixels().length];
    Arrays.fill(d, mean);
    return blend(Image.of(image.height(), image.width(), image.channels(), d), image, factor);
  }

  /** {@code ImageEnhance.Brightness}: blend with black. */
  static Image brightness(Image image, double factor) {
    return blend(Image.zeros(image.height(), image.width(), image.channels()), image, factor);
  }

  /**
   * {@code ImageEnhance.Sharpness}: blend with {@code filter(SMOOTH)} (3×3 kernel 1 1 1 / 1 5 1 / 1
   * 1 1, divided by 13, rounded; the one-pixel border is copied unfiltered, as Pillow does).
   */
  static Image sharpness(Image image, double factor) {
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    float[] p = image.pixels();
    float[] s = p.clone();
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        for (int ch = 0; ch < c; ch++) {
          double acc = 0;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              acc += (dx == 0 && dy == 0 ? 5 : 1) * p[((y + dy) * w + x + dx) * c + ch];
            }
          }
          s[(y * w + x) * c + ch] = clamp8(Math.floor(acc / 13 + 0.5));
        }
      }
    }
    return blend(Image.of(h, w, c, s), image, factor);
  }

  /**
   * {@code Image.transform(size, AFFINE, (a, b, c, d, e, f), resample, fillcolor)}: output pixel
   * {@code (x, y)} samples the input at {@code (a·X + b·Y + c, d·X + e·Y + f)} with {@code X = x +
   * 0.5}, {@code Y = y + 0.5}; a sample point outside the image takes {@code fill}, inside it is
   * interpolated with edge clamping (one-pixel support for bilinear, two for bicubic with {@code a
   * = −0.5}) and rounded.
   */
  static Image affine(Image image, double[] m, Interpolation filter, float[] fill) {
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    float[] p = image.pixels();
    float[] out = new float[p.length];
    int radius = filter == Interpolation.BICUBIC ? 2 : 1;
    double[] wx = new double[2 * radius];
    double[] wy = new double[2 * radius];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double xx = x + 0.5;
        double yy = y + 0.5;
        double u = m[0] * xx + m[1] * yy + m[2];
        double v = m[3] * xx + m[4] * yy + m[5];
        int o = (y * w + x) * c;
        if (u < 0 || u >= w || v < 0 || v >= h) {
          for (int ch = 0; ch < c; ch++) {
            out[o + ch] = fill[ch];
          }
          continue;
        }
        double su = u - 0.5;
        double sv = v - 0.5;
        int x0 = (int) Math.floor(su);
        int y0 = (int) Math.floor(sv);
        for (int k = 0; k < 2 * radius; k++) {
          wx[k] = filter.weight(su - (x0 - radius + 1 + k));
          wy[k] = filter.weight(sv - (y0 - radius + 1 + k));
        }
        for (int ch = 0; ch < c; ch++) {
          double acc = 0;
          for (int j = 0; j < 2 * radius; j++) {
            int yi = Math.max(0, Math.min(h - 1, y0 - radius + 1 + j));
            double row = 0;
            for (int i = 0; i < 2 * radius; i++) {
              int xi = Math.max(0, Math.min(w - 1, x0 - radius + 1 + i));
              row += wx[i] * p[(yi * w + xi) * c + ch];
            }
            acc += wy[j] * row;
          }
          out[o + ch] = clamp8(Math.floor(acc + 0.5));
        }
      }
    }
    return Image.of(h, w, c, out);
  }

  /**
   * {@code Image.rotate(degrees)} about the centre {@code (W/2, H/2)}, counter-clockwise, same
   * size.
   */
  static Image rotate(Image image, double degrees, Interpolation filter, float[] fill) {
    double a = -Math.toRadians(degrees);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    double cx = image.width() / 2.0;
    double cy = image.height() / 2.0;
    double[] m = {cos, sin, 0, -sin, cos, 0};
    m[2] = cos * -cx + sin * -cy + cx;
    m[5] = -sin * -cx + cos * -cy + cy;
    return affine(image, m, filter, fill);
  }
}
