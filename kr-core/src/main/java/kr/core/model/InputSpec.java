package kr.core.model;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;

/** The image size and channel count a network expects (NHWC). */
public record InputSpec(int height, int width, int channels) {

  public InputSpec {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.positive("channels", channels);
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
