package kr.data;

import java.util.Optional;

/**
 * An in-memory split held as packed unsigned bytes: {@code count} images of {@code height x width x
 * channels} in HWC order back to back, plus one label per image. CIFAR and (Fashion-)MNIST load
 * into this form; a float copy is made only per example, when it is read.
 */
public final class PackedSplit implements ExampleSource {
  private final byte[] pixels;
  private final int[] labels;
  private final int height;
  private final int width;
  private final int channels;

  /**
   * @param pixels {@code labels.length * height * width * channels} bytes, HWC per image (not
   *     copied)
   * @param labels one class index per image (not copied)
   * @param height rows
   * @param width columns
   * @param channels channels per pixel
   */
  public PackedSplit(byte[] pixels, int[] labels, int height, int width, int channels) {
    Checks.notNull("pixels", pixels);
    Checks.notNull("labels", labels);
    this.height = Checks.positive("height", height);
    this.width = Checks.positive("width", width);
    this.channels = Checks.positive("channels", channels);
    long expected = (long) labels.length * height * width * channels;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixels.length must be labels.length*height*width*channels = "
              + expected
              + ", got "
              + pixels.length);
    }
    this.pixels = pixels;
    this.labels = labels;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int label(int index) {
    return labels[ExampleSource.checkIndex(index, labels.length)];
  }

  @Override
  public Optional<Example> read(int index) {
    ExampleSource.checkIndex(index, labels.length);
    return Optional.of(
        new Example(
            Image.fromUint8(pixels, index * imageBytes(), height, width, channels), labels[index]));
  }

  /**
   * @param index example index
   * @return a copy of that image's packed HWC bytes
   */
  public byte[] imageBytes(int index) {
    ExampleSource.checkIndex(index, labels.length);
    byte[] out = new byte[imageBytes()];
    System.arraycopy(pixels, index * out.length, out, 0, out.length);
    return out;
  }

  /**
   * @return bytes per image
   */
  public int imageBytes() {
    return height * width * channels;
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
}
