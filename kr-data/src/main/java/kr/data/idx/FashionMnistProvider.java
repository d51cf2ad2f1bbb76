package kr.data.idx;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Provides {@code "fashion-mnist"}: the four IDX files, default {@link FashionMnist#DEFAULT_DIR}.
 */
public final class FashionMnistProvider extends IdxProvider {
  public FashionMnistProvider() {
    super("fashion-mnist", "Fashion-MNIST, 10 classes, 28x28 grayscale, " + FILES);
  }

  @Override
  public Optional<Path> defaultDataDir() {
    return Optional.of(FashionMnist.DEFAULT_DIR);
  }
}
