package kr.data.cifar;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/**
 * Provides {@code "cifar100"}: the binary distribution ({@code cifar-100-binary}), fine or coarse
 * labels.
 */
public final class Cifar100Provider implements DatasetProvider {
  @Override
  public String name() {
    return "cifar100";
  }

  @Override
  public String description() {
    return "CIFAR-100, 100 fine or 20 coarse classes, 32x32 RGB, binary files train.bin and test.bin";
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
