package kr.data.idx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/** Provides {@code "mnist"}: the four IDX files; no default directory. */
public final class MnistProvider implements DatasetProvider {
  @Override
  public String name() {
    return "mnist";
  }

  @Override
  public String description() {
    return "MNIST digits, 10 classes, 28x28 grayscale, IDX files {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]";
  }

  @Override
  public void checkLayout(Path dataDir) {
    IdxDataset.checkLayout(name(), dataDir);
  }

  @Override
  public Dataset create(Path dataDir, DatasetOptions options) {
    return IdxDataset.load(name(), dataDir, options);
  }

  @Override
  public List<String> classNames() {
    return IdxDataset.VARIANTS.get(name()).classNames();
  }

  @Override
  public Optional<Normalize> normalization() {
    return Optional.of(IdxDataset.VARIANTS.get(name()).normalization());
  }
}
