package kr.data.augment;

import kr.data.Image;

/**
 * The resampling filter of a resize, with Pillow's semantics (pixel centres at {@code i + 0.5}, the
 * filter widened by the scale factor when downsampling, weights normalised per output pixel).
 *
 * <ul>
 *   <li>{@link #BILINEAR}: the triangle filter, support 1 (Pillow {@code BILINEAR}, torchvision's
 *       default);
 *   <li>{@link #BICUBIC}: Keys' cubic convolution with {@code a = −0.5}, support 2 (Pillow {@code
 *       BICUBIC}, the DeiT / timm ImageNet recipes). Its negative lobes can overshoot, so the
 *       result is clamped to 0..255 as Pillow clamps 8-bit images.
 * </ul>
 */
public enum Interpolation {
  /** Triangle filter. */
  BILINEAR(1.0, false) {
    @Override
    public double weight(double x) {
      double t = Math.abs(x);
      return t < 1 ? 1 - t : 0;
    }
  },
  /** Cubic convolution, {@code a = −0.5}. */
  BICUBIC(2.0, true) {
    @Override
    public double weight(double x) {
      double t = Math.abs(x);
      if (t < 1) {
        return ((CUBIC_A + 2) * t - (CUBIC_A + 3)) * t * t + 1;
      }
      if (t < 2) {
        return (((t - 5) * t + 8) * t - 4) * CUBIC_A;
      }
      return 0;
    }
  };

  /** Pillow's cubic coefficient. */
  public static final double CUBIC_A = -0.5;

  private final double support;
  private final boolean clamps;

  Interpolation(double support, boolean clamps) {
    this.support = support;
    this.clamps = clamps;
  }

  /**
   * @param x distance from the sample point in source pixels (at scale 1)
   * @return the unnormalised filter weight
   */
  public abstract double weight(double x);

  /**
   * @return the half-width of the filter at scale 1
   */
  public double support() {
    return support;
  }

  /**
   * @return whether results are clamped to 0..255 (filters with negative lobes)
   */
  boolean clamps() {
    return clamps;
  }

  /**
   * @param image source
   * @param height output rows
   * @param width output columns
   * @return the resized image
   */
  public Image resize(Image image, int height, int width) {
    return Resampler.resizeRegion(this, image, 0, 0, image.height(), image.width(), height, width);
  }

  /**
   * Crop-then-resize in one pass (see {@link Bilinear#resizeRegion}).
   *
   * @param image source
   * @param top first source row of the window
   * @param left first source column of the window
   * @param regionHeight window rows
   * @param regionWidth window columns
   * @param height output rows
   * @param width output columns
   * @return the resampled window
   */
  public Image resizeRegion(
      Image image, int top, int left, int regionHeight, int regionWidth, int height, int width) {
    return Resampler.resizeRegion(this, image, top, left, regionHeight, regionWidth, height, width);
  }
}
