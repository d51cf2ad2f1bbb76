package kr.data.cifar;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/** A provider of one {@link CifarDataset#VARIANTS CIFAR variant}, read by {@link CifarDataset}. */
abstract class CifarProvider implements DatasetProvider {
  private final String name;
  private final String description;

  CifarProvider(String name, String description) {
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
    CifarDataset.checkLayout(name, dataDir);
  }

  @Override
  public final Dataset create(Path dataDir, DatasetOptions options) {
    return CifarDataset.load(name, dataDir, options);
  }

  @Override
  public final List<String> classNames() {
    return CifarDataset.VARIANTS.get(name).fineNames();
  }

  @Override
  public final Optional<Normalize> normalization() {
    return Optional.of(CifarDataset.VARIANTS.get(name).normalization());
  }
}
