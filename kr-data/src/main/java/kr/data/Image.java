package kr.data;

/**
 * One image as interleaved (HWC) float pixels on the 0..255 scale, the unit every transform in
 * {@link kr.data.augment} works on. The pixel array is owned by the image; transforms return new
 * images and never modify their input.
 */
public final class Image {
  private final int height;
  private final int width;
  private final int channels;
  private final float[] pixels;

  private Image(int height, int width, int channels, float[] pixels) {
    this.height = Checks.positive("height", height);
    this.width = Checks.positive("width", width);
    this.channels = Checks.positive("channels", channels);
    Checks.notNull("pixels", pixels);
    if (pixels.length != height * width * channels) {
      throw new IllegalArgumentException(
          "pixels.length must be height*width*channels = "
              + height
              + "*"
              + width
              + "*"
              + channels
              + " = "
              + height * width * channels
              + ", got "
              + pixels.length);
    }
    this.pixels = pixels;
  }

  /**
   * Wraps (without copying) an HWC float array.
   *
   * @param height rows
   * @param width columns
   * @param channels channels per pixel
   * @param pixels {@code height*width*channels} values, row-major, channels interleaved
   * @return the image
   */
  public static Image of(int height, int width, int channels, float[] pixels) {
    return new Image(height, width, channels, pixels);
  }

  /**
   * @param height rows
   * @param width columns
   * @param channels channels per pixel
   * @return an all-zero (black) image
   */
  public static Image zeros(int height, int width, int channels) {
    return new Image(height, width, channels, new float[height * width * channels]);
  }

  /**
   * Converts packed unsigned bytes (HWC) to an image.
   *
   * @param bytes source array
   * @param offset index of the first byte
   * @param height rows
   * @param width columns
   * @param channels channels per pixel
   * @return a new image with values 0..255
   */
  public static Image fromUint8(byte[] bytes, int offset, int height, int width, int channels) {
    int n = height * width * channels;
    if (offset < 0 || offset + n > bytes.length) {
      throw new IllegalArgumentException(
          "offset " + offset + " + " + n + " bytes exceeds array length " + bytes.length);
    }
    float[] px = new float[n];
    for (int i = 0; i < n; i++) {
      px[i] = bytes[offset + i] & 0xFF;
    }
    return new Image(height, width, channels, px);
  }

  /**
   * @return rows
   */
  public int height() {
    return height;
  }

  /**
   * @return columns
   */
  public int width() {
    return width;
  }

  /**
   * @return channels per pixel
   */
  public int channels() {
    return channels;
  }

  /**
   * @return the backing HWC array (not a copy: do not modify an image you did not create)
   */
  public float[] pixels() {
    return pixels;
  }

  /**
   * @param y row
   * @param x column
   * @param c channel
   * @return the pixel value
   */
  public float get(int y, int x, int c) {
    return pixels[(y * width + x) * channels + c];
  }

  @Override
  public String toString() {
    return "Image[" + height + "x" + width + "x" + channels + "]";
  }
}
