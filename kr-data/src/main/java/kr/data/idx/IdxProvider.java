package kr.data.idx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/**
 * A provider of one {@link IdxDataset#VARIANTS IDX variant} (four IDX files), read by {@link
 * IdxDataset}.
 */
abstract class IdxProvider implements DatasetProvider {
  /** The file layout every IDX variant shares, for the descriptions. */
  static final String FILES = "IDX files {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]";

  private final String name;
  private final String description;

  IdxProvider(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final void checkLayout(Path dataDir) {
    IdxDataset.checkLayout(name, dataDir);
  }

  @Override
  public final Dataset create(Path dataDir, DatasetOptions options) {
    return IdxDataset.load(name, dataDir, options);
  }

  @Override
  public final List<String> classNames() {
    return IdxDataset.VARIANTS.get(name).classNames();
  }

  @Override
  public final Optional<Normalize> normalization() {
    return Optional.of(IdxDataset.VARIANTS.get(name).normalization());
  }
}
