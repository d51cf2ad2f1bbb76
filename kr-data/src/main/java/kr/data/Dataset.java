package kr.data;

/**
 * A dataset: its {@link DatasetInfo}, random access to each {@link Split}, and the standard
 * augmentation of the reference training recipe. Built-in implementations are created by name
 * through {@link kr.data.spi.Datasets}; a third-party dataset implements this interface and
 * registers a {@link kr.data.spi.DatasetProvider}.
 */
public interface Dataset {
  /**
   * @return name, class count, image size, normalisation and split sizes
   */
  DatasetInfo info();

  /**
   * @param split which split
   * @return random access to that split's examples
   */
  ExampleSource source(Split split);

  /**
   * The transform the reference recipe applies to this split before normalisation, producing images
   * of {@code info().height() x info().width()}: e.g. pad-crop-flip for CIFAR training,
   * resize-and-center-crop for ImageNet evaluation, identity for in-memory test splits.
   *
   * @param split which split
   * @return the standard transform
   */
  ImageOp standardTransform(Split split);
}
