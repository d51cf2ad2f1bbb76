package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * torchvision's {@code RandomResizedCrop}: picks a window covering a random fraction of the area
 * (uniform in [{@code scaleMin}, {@code scaleMax}]) with a random aspect ratio (log-uniform in
 * [{@code ratioMin}, {@code ratioMax}]), retrying up to 10 times and falling back to a central
 * crop, then resizes the window to {@code height x width} with the chosen {@link Interpolation}
 * (bilinear by default, bicubic in the DeiT recipe).
 *
 * @param height output rows
 * @param width output columns
 * @param scaleMin smallest area fraction, in (0, 1]
 * @param scaleMax largest area fraction, in [scaleMin, 1]
 * @param ratioMin smallest width/height ratio, positive
 * @param ratioMax largest width/height ratio, {@code >= ratioMin}
 * @param interpolation the resampling filter
 */
public record RandomResizedCrop(
    int height,
    int width,
    double scaleMin,
    double scaleMax,
    double ratioMin,
    double ratioMax,
    Interpolation interpolation)
    implements ImageOp {
  /** Default smallest area fraction (Inception / DeiT). */
  public static final double SCALE_MIN = 0.08;

  /** Default largest area fraction. */
  public static final double SCALE_MAX = 1.0;

  /** Default smallest aspect ratio, 3/4. */
  public static final double RATIO_MIN = 3.0 / 4.0;

  /** Default largest aspect ratio, 4/3. */
  public static final double RATIO_MAX = 4.0 / 3.0;

  private static final int ATTEMPTS = 10;

  /** Checks the arguments. */
  public RandomResizedCrop {
    Checks.positive("height", height);
    Checks.positive("width", width);
    if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
      throw new IllegalArgumentException(
          "scale range must satisfy 0 < scaleMin <= scaleMax <= 1, got ["
              + scaleMin
              + ", "
              + scaleMax
              + "]");
    }
    if (!(ratioMin > 0 && ratioMin <= ratioMax)) {
      throw new IllegalArgumentException(
          "ratio range must satisfy 0 < ratioMin <= ratioMax, got ["
              + ratioMin
              + ", "
              + ratioMax
              + "]");
    }
    Checks.notNull("interpolation", interpolation);
  }

  /**
   * A bilinear crop.
   *
   * @param height output rows
   * @param width output columns
   * @param scaleMin smallest area fraction
   * @param scaleMax largest area fraction
   * @param ratioMin smallest width/height ratio
   * @param ratioMax largest width/height ratio
   */
  public RandomResizedCrop(
      int height, int width, double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
    this(height, width, scaleMin, scaleMax, ratioMin, ratioMax, Interpolation.BILINEAR);
  }

  /**
   * @param filter the resampling filter
   * @return this crop resampling with {@code filter}
   */
  public RandomResizedCrop withInterpolation(Interpolation filter) {
    return new RandomResizedCrop(height, width, scaleMin, scaleMax, ratioMin, ratioMax, filter);
  }

  /**
   * @param size output side length
   * @return the default crop: scale 0.08–1, ratio 3/4–4/3, square output
   */
  public static RandomResizedCrop of(int size) {
    return new RandomResizedCrop(size, size, SCALE_MIN, SCALE_MAX, RATIO_MIN, RATIO_MAX);
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    int[] box = window(image.height(), image.width(), rng);
    return interpolation.resizeRegion(image, box[0], box[1], box[2], box[3], height, width);
  }

  /**
   * Draws the crop window.
   *
   * @param imageHeight source rows
   * @param imageWidth source columns
   * @param rng random stream
   * @return {@code {top, left, height, width}}
   */
  public int[] window(int imageHeight, int imageWidth, RandomGenerator rng) {
    double area = (double) imageHeight * imageWidth;
    double logLo = Math.log(ratioMin);
    double logHi = Math.log(ratioMax);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * (scaleMin + (scaleMax - scaleMin) * rng.nextDouble());
      double aspect = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
      int w = (int) Math.round(Math.sqrt(target * aspect));
      int h = (int) Math.round(Math.sqrt(target / aspect));
      if (w > 0 && h > 0 && w <= imageWidth && h <= imageHeight) {
        int top = rng.nextInt(imageHeight - h + 1);
        int left = rng.nextInt(imageWidth - w + 1);
        return new int[] {top, left, h, w};
      }
    }
    double inRatio = (double) imageWidth / imageHeight;
    int w;
    int h;
    if (inRatio < ratioMin) {
      w = imageWidth;
      h = Math.max(1, Math.min(imageHeight, (int) Math.round(w / ratioMin)));
    } else if (inRatio > ratioMax) {
      h = imageHeight;
      w = Math.max(1, Math.min(imageWidth, (int) Math.round(h * ratioMax)));
    } else {
      w = imageWidth;
      h = imageHeight;
    }
    return new int[] {(imageHeight - h) / 2, (imageWidth - w) / 2, h, w};
  }
}
