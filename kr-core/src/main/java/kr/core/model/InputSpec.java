package kr.core.model;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;

/**
 * The image size and channel count a network expects (NHWC), and how those images were normalised
 * from pixel values ({@link PixelNormalization}; d_0 is computed on pixel values).
 */
public record InputSpec(int height, int width, int channels, PixelNormalization normalization) {

  public InputSpec {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.positive("channels", channels);
    Checks.notNull("normalization", normalization);
    Checks.check(
        normalization.absent()
            || normalization.channels() == 1
            || normalization.channels() == channels,
        "normalization",
        normalization.channels() + " channels",
        "must describe 1 or " + channels + " channels");
  }

  /** Images of this size that are pixel values (no normalisation). */
  public InputSpec(int height, int width, int channels) {
    this(height, width, channels, PixelNormalization.none());
  }

  /** Whether {@code other} has this height, width and channel count (normalisation aside). */
  public boolean sameShape(InputSpec other) {
    return height == other.height && width == other.width && channels == other.channels;
  }

  /** The same size, with images normalised from pixel values by {@code n}. */
  public InputSpec withNormalization(PixelNormalization n) {
    return new InputSpec(height, width, channels, n);
  }

  public static InputSpec square(int size, int channels) {
    return new InputSpec(size, size, channels);
  }

  /** Fashion-MNIST / MNIST: 28×28 grayscale. */
  public static InputSpec fashionMnist() {
    return square(28, 1);
  }

  /** CIFAR: 32×32 RGB. */
  public static InputSpec cifar() {
    return square(32, 3);
  }

  /** ImageNet at the paper's resolution: 224×224 RGB. */
  public static InputSpec imagenet() {
    return square(224, 3);
  }

  /**
   * The static dims of {@code images}, checked to be NHWC with {@link #channels()} channels.
   *
   * @throws IllegalArgumentException naming {@code images} and its shape otherwise
   */
  public long[] checkImages(Operand<?> images) {
    long[] dims = BuildContext.staticDims(images, "images");
    Checks.check(
        dims.length == 4 && dims[3] == channels,
        "images",
        images.shape(),
        "must be NHWC with " + channels + " channels");
    return dims;
  }

  public long[] batchDims(long batch) {
    return new long[] {batch, height, width, channels};
  }
}
