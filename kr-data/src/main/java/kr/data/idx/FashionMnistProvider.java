package kr.data.idx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/**
 * Provides {@code "fashion-mnist"}: the four IDX files, default {@link FashionMnist#DEFAULT_DIR}.
 */
public final class FashionMnistProvider implements DatasetProvider {
  @Override
  public String name() {
    return "fashion-mnist";
  }

  @Override
  public String description() {
    return "Fashion-MNIST, 10 classes, 28x28 grayscale, IDX files {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]";
  }

  @Override
  public Optional<Path> defaultDataDir() {
    return Optional.of(FashionMnist.DEFAULT_DIR);
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
