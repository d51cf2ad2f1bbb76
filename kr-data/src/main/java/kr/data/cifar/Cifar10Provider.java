package kr.data.cifar;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/** Provides {@code "cifar10"}: the binary distribution ({@code cifar-10-batches-bin}). */
public final class Cifar10Provider implements DatasetProvider {
  @Override
  public String name() {
    return "cifar10";
  }

  @Override
  public String description() {
    return "CIFAR-10, 10 classes, 32x32 RGB, binary files data_batch_1..5.bin and test_batch.bin";
  }

  @Override
  public void checkLayout(Path dataDir) {
    CifarDataset.checkLayout(name(), dataDir);
  }

  @Override
  public Dataset create(Path dataDir, DatasetOptions options) {
    return CifarDataset.load(name(), dataDir, options);
  }

  @Override
  public List<String> classNames() {
    return CifarDataset.VARIANTS.get(name()).fineNames();
  }

  @Override
  public Optional<Normalize> normalization() {
    return Optional.of(CifarDataset.VARIANTS.get(name()).normalization());
  }
}
