package kr.data.cifar;

import kr.data.spi.FixedDatasetProvider;

/** A provider of one {@link CifarDataset#VARIANTS CIFAR variant}, read by {@link CifarDataset}. */
abstract class CifarProvider extends FixedDatasetProvider {
  CifarProvider(String name, String description) {
    super(
        name,
        description,
        CifarDataset.VARIANTS.get(name).fineNames(),
        CifarDataset.VARIANTS.get(name).normalization(),
        CifarDataset::checkLayout,
        CifarDataset::load);
  }
}
