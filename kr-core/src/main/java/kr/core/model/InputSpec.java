package kr.core.model;

import kr.core.graph.Checks;

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

  public long[] batchDims(long batch) {
    return new long[] {batch, height, width, channels};
  }
}
