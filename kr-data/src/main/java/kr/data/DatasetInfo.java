package kr.data;

import java.util.Arrays;

/**
 * What a model needs to know about a dataset: its name, class count, the size of the images it
 * yields, the per-channel mean and standard deviation used to normalise them (on the 0..1 pixel
 * scale, as torchvision states them), and the number of examples per split.
 *
 * @param name registry name, e.g. {@code "cifar10"}
 * @param numClasses number of classes; labels lie in {@code 0..numClasses-1}
 * @param height image height in pixels of the examples (after the dataset's standard transform)
 * @param width image width in pixels
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param mean per-channel mean on the 0..1 scale, length {@code channels}
 * @param std per-channel standard deviation on the 0..1 scale, length {@code channels}, all
 *     positive
 * @param trainSize number of training examples
 * @param testSize number of test examples
 */
public record DatasetInfo(
    String name,
    int numClasses,
    int height,
    int width,
    int channels,
    float[] mean,
    float[] std,
    int trainSize,
    int testSize) {

  /** Validates every field and takes defensive copies of the arrays. */
  public DatasetInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must be non-blank, got '" + name + "'");
    }
    Checks.positive("numClasses", numClasses);
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.positive("channels", channels);
    Checks.nonNegative("trainSize", trainSize);
    Checks.nonNegative("testSize", testSize);
    mean = Checks.channelArray("mean", mean, channels).clone();
    std = Checks.channelArray("std", std, channels).clone();
    for (int c = 0; c < channels; c++) {
      if (!(std[c] > 0f)) {
        throw new IllegalArgumentException("std[" + c + "] must be > 0, got " + std[c]);
      }
    }
  }

  /**
   * @return a copy of the per-channel mean
   */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /**
   * @return a copy of the per-channel standard deviation
   */
  @Override
  public float[] std() {
    return std.clone();
  }

  /**
   * @param split which split
   * @return number of examples in that split
   */
  public int size(Split split) {
    return split == Split.TRAIN ? trainSize : testSize;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetInfo d
        && name.equals(d.name)
        && numClasses == d.numClasses
        && height == d.height
        && width == d.width
        && channels == d.channels
        && Arrays.equals(mean, d.mean)
        && Arrays.equals(std, d.std)
        && trainSize == d.trainSize
        && testSize == d.testSize;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode()
        + 17 * Arrays.hashCode(mean)
        + Arrays.hashCode(std)
        + trainSize
        + testSize;
  }

  @Override
  public String toString() {
    return "DatasetInfo["
        + name
        + ", classes="
        + numClasses
        + ", "
        + height
        + "x"
        + width
        + "x"
        + channels
        + ", mean="
        + Arrays.toString(mean)
        + ", std="
        + Arrays.toString(std)
        + ", train="
        + trainSize
        + ", test="
        + testSize
        + "]";
  }
}
