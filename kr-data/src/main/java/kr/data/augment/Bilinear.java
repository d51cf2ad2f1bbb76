package kr.data.augment;

import kr.data.Image;

/**
 * Separable bilinear (triangle filter) resampling with pixel centres at {@code i + 0.5}, as
 * Pillow's {@code Image.resize(..., BILINEAR)} and torchvision's PIL path. When upsampling it is
 * plain bilinear interpolation with edge clamping; when downsampling the triangle widens by the
 * scale factor, so the result is antialiased instead of skipping pixels. A constant image stays
 * constant exactly up to float rounding.
 */
public final class Bilinear {
  private Bilinear() {}

  /**
   * @param image source
   * @param height output rows
   * @param width output columns
   * @return the resized image
   */
  public static Image resize(Image image, int height, int width) {
    return resizeRegion(image, 0, 0, image.height(), image.width(), height, width);
  }

  /**
   * Resamples the source window {@code [top, top+regionHeight) x [left, left+regionWidth)} to
   * {@code height x width}; this is crop-then-resize in one pass, as used by {@link
   * RandomResizedCrop}.
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
  public static Image resizeRegion(
      Image image, int top, int left, int regionHeight, int regionWidth, int height, int width) {
    return Resampler.resizeRegion(
        Interpolation.BILINEAR, image, top, left, regionHeight, regionWidth, height, width);
  }
}
