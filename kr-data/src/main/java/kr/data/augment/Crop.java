package kr.data.augment;

import kr.data.Checks;
import kr.data.Image;

/**
 * Deterministic geometry shared by the crop transforms: a window that may reach past the border
 * (zero fill).
 */
public final class Crop {
  private Crop() {}

  /**
   * Cuts a {@code height x width} window whose top-left corner is at ({@code top}, {@code left}) in
   * the source's coordinates; the window may extend past the image, where it reads zeros (this is
   * zero padding followed by a crop).
   *
   * @param image source
   * @param top row of the window's first row, may be negative
   * @param left column of the window's first column, may be negative
   * @param height window rows
   * @param width window columns
   * @return the window as a new image
   */
  public static Image window(Image image, int top, int left, int height, int width) {
    Checks.positive("height", height);
    Checks.positive("width", width);
    int c = image.channels();
    float[] src = image.pixels();
    float[] dst = new float[height * width * c];
    int x0 = Math.max(0, -left);
    int x1 = Math.min(width, image.width() - left);
    for (int y = 0; y < height; y++) {
      int sy = top + y;
      if (sy < 0 || sy >= image.height() || x1 <= x0) {
        continue;
      }
      System.arraycopy(
          src, (sy * image.width() + left + x0) * c, dst, (y * width + x0) * c, (x1 - x0) * c);
    }
    return Image.of(height, width, c, dst);
  }

  /**
   * @param image source
   * @return the image mirrored left to right (column {@code x} becomes column {@code width-1-x})
   */
  public static Image flipHorizontal(Image image) {
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    float[] src = image.pixels();
    float[] dst = new float[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(src, (y * w + x) * c, dst, (y * w + (w - 1 - x)) * c, c);
      }
    }
    return Image.of(h, w, c, dst);
  }
}
