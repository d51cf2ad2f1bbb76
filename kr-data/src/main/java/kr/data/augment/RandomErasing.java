package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;

/**
 * Random Erasing (Zhong et al. 2020) in timm's {@code 'pixel'} mode ({@code
 * data/random_erasing.py}), applied to a <em>normalised</em> image, as timm does after {@code
 * Normalize}: with probability {@code p}, one rectangle of area {@code U(minArea, maxArea)·H·W} and
 * aspect ratio {@code exp(U(ln minAspect, ln(1/minAspect)))} is filled with independent
 * standard-normal values per pixel and channel. Up to 10 attempts find a rectangle strictly smaller
 * than the image ({@code h < H}, {@code w < W}); if none fits, nothing is erased.
 *
 * <p>Draw order per image: {@code nextDouble} (apply?), then per attempt two {@code nextDouble}
 * (area, log aspect), then {@code nextInt} for the top and the left, then one {@code nextGaussian}
 * per erased value in HWC order.
 *
 * @param p probability of erasing an image (0.25 in DeiT)
 * @param minArea smallest erased fraction of the area
 * @param maxArea largest erased fraction of the area
 * @param minAspect smallest aspect ratio h/w; the largest is its inverse
 */
public record RandomErasing(double p, double minArea, double maxArea, double minAspect) {
  /** DeiT's erasing probability. */
  public static final double DEIT_P = 0.25;

  /** timm's smallest area fraction. */
  public static final double MIN_AREA = 0.02;

  /** timm's largest area fraction. */
  public static final double MAX_AREA = 1.0 / 3;

  /** timm's smallest aspect ratio. */
  public static final double MIN_ASPECT = 0.3;

  private static final int ATTEMPTS = 10;

  /** Checks the arguments. */
  public RandomErasing {
    Checks.inRange("p", p, 0, 1);
    if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) {
      throw new IllegalArgumentException(
          "area range must satisfy 0 < minArea <= maxArea <= 1, got ["
              + minArea
              + ", "
              + maxArea
              + "]");
    }
    Checks.inRange("minAspect", minAspect, Double.MIN_VALUE, 1);
  }

  /**
   * @return DeiT's setting: p = 0.25 with timm's area (0.02–1/3) and aspect (0.3–1/0.3) ranges
   */
  public static RandomErasing deit() {
    return new RandomErasing(DEIT_P, MIN_AREA, MAX_AREA, MIN_ASPECT);
  }

  /**
   * Draws the rectangle, if any.
   *
   * @param height image rows H
   * @param width image columns W
   * @param rng the example's random stream
   * @return {@code {top, left, h, w}}, or an empty array when the image is left alone
   */
  public int[] window(int height, int width, RandomGenerator rng) {
    if (rng.nextDouble() >= p) {
      return new int[0];
    }
    double area = (double) height * width;
    double logLo = Math.log(minAspect);
    double logHi = -logLo;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * (minArea + (maxArea - minArea) * rng.nextDouble());
      double aspect = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
      int h = (int) Math.round(Math.sqrt(target * aspect));
      int w = (int) Math.round(Math.sqrt(target / aspect));
      if (w < width && h < height) {
        int top = rng.nextInt(height - h + 1);
        int left = rng.nextInt(width - w + 1);
        return new int[] {top, left, h, w};
      }
    }
    return new int[0];
  }

  /**
   * Erases in place one normalised HWC image stored at {@code offset} in {@code pixels} (a batch
   * buffer).
   *
   * @param pixels destination holding the normalised image
   * @param offset index of the image's first value
   * @param height rows
   * @param width columns
   * @param channels channels
   * @param rng the example's random stream
   * @return whether a rectangle was erased
   */
  public boolean eraseInPlace(
      float[] pixels, int offset, int height, int width, int channels, RandomGenerator rng) {
    Checks.notNull("pixels", pixels);
    if (offset < 0 || offset + (long) height * width * channels > pixels.length) {
      throw new IllegalArgumentException(
          "image of "
              + height
              + "x"
              + width
              + "x"
              + channels
              + " at offset "
              + offset
              + " exceeds the buffer of "
              + pixels.length);
    }
    int[] box = window(height, width, rng);
    if (box.length == 0) {
      return false;
    }
    for (int y = box[0]; y < box[0] + box[2]; y++) {
      int row = offset + (y * width + box[1]) * channels;
      for (int i = 0; i < box[3] * channels; i++) {
        pixels[row + i] = (float) rng.nextGaussian();
      }
    }
    return true;
  }
}
