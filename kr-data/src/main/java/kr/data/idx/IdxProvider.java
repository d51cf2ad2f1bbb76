package kr.data.idx;

import kr.data.spi.FixedDatasetProvider;

/**
 * A provider of one {@link IdxDataset#VARIANTS IDX variant} (four IDX files), read by {@link
 * IdxDataset}.
 */
abstract class IdxProvider extends FixedDatasetProvider {
  /** The file layout every IDX variant shares, for the descriptions. */
  static final String FILES = "IDX files {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]";

  IdxProvider(String name, String description) {
    super(
        name,
        description,
        IdxDataset.VARIANTS.get(name).classNames(),
        IdxDataset.VARIANTS.get(name).normalization(),
        IdxDataset::checkLayout,
        IdxDataset::load);
  }
}
