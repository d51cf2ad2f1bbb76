package kr.data;

import kr.data.augment.Interpolation;

/**
 * Typed loading options for the built-in datasets; each dataset reads the fields that concern it
 * and ignores the rest. Start from {@link #DEFAULTS} and override with the {@code with…} methods.
 *
 * @param labels CIFAR-100 label granularity (fine by default)
 * @param mnistPad zero padding of the (Fashion-)MNIST training crop, 2 by default (4 is the other
 *     usual value)
 * @param mnistFlip whether (Fashion-)MNIST training adds a horizontal flip (off by default)
 * @param resizeSize ImageNet evaluation: length the shorter side is resized to before the centre
 *     crop (256)
 * @param cropSize ImageNet: output side of the training and evaluation crops (224)
 * @param skipCorrupt ImageNet: skip undecodable images with a warning (counted) instead of failing
 * @param interpolation ImageNet: the resampling filter of the training crop's and the evaluation
 *     resize (bilinear; the DeiT recipes ask for bicubic)
 */
public record DatasetOptions(
    LabelGranularity labels,
    int mnistPad,
    boolean mnistFlip,
    int resizeSize,
    int cropSize,
    boolean skipCorrupt,
    Interpolation interpolation) {

  /** Defaults: fine labels, MNIST pad 2 without flip, ImageNet 256 → 224, corrupt images fail. */
  public static final DatasetOptions DEFAULTS =
      new DatasetOptions(LabelGranularity.FINE, 2, false, 256, 224, false, Interpolation.BILINEAR);

  /** Checks the fields. */
  public DatasetOptions {
    Checks.notNull("labels", labels);
    Checks.nonNegative("mnistPad", mnistPad);
    Checks.positive("resizeSize", resizeSize);
    Checks.positive("cropSize", cropSize);
    Checks.notNull("interpolation", interpolation);
    if (cropSize > resizeSize) {
      throw new IllegalArgumentException(
          "cropSize must be <= resizeSize, got cropSize="
              + cropSize
              + ", resizeSize="
              + resizeSize);
    }
  }

  /**
   * @param value label granularity
   * @return a copy with that value
   */
  public DatasetOptions withLabels(LabelGranularity value) {
    return new DatasetOptions(
        value, mnistPad, mnistFlip, resizeSize, cropSize, skipCorrupt, interpolation);
  }

  /**
   * @param value MNIST padding
   * @return a copy with that value
   */
  public DatasetOptions withMnistPad(int value) {
    return new DatasetOptions(
        labels, value, mnistFlip, resizeSize, cropSize, skipCorrupt, interpolation);
  }

  /**
   * @param value whether MNIST training flips
   * @return a copy with that value
   */
  public DatasetOptions withMnistFlip(boolean value) {
    return new DatasetOptions(
        labels, mnistPad, value, resizeSize, cropSize, skipCorrupt, interpolation);
  }

  /**
   * @param resize shorter-side length before the centre crop
   * @param crop crop side
   * @return a copy with those values
   */
  public DatasetOptions withImageSizes(int resize, int crop) {
    return new DatasetOptions(
        labels, mnistPad, mnistFlip, resize, crop, skipCorrupt, interpolation);
  }

  /**
   * @param value whether to skip corrupt images
   * @return a copy with that value
   */
  public DatasetOptions withSkipCorrupt(boolean value) {
    return new DatasetOptions(
        labels, mnistPad, mnistFlip, resizeSize, cropSize, value, interpolation);
  }

  /**
   * @param value the ImageNet crops' and resize's resampling filter
   * @return a copy with that value
   */
  public DatasetOptions withInterpolation(Interpolation value) {
    return new DatasetOptions(
        labels, mnistPad, mnistFlip, resizeSize, cropSize, skipCorrupt, value);
  }
}
