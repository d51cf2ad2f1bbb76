package kr.bench.run;

import java.nio.file.Path;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.spi.Datasets;

/** A registered dataset opened by name, from its own directory or from the one given. */
public final class NamedDataset {
  private NamedDataset() {}

  /** The dataset {@code name} in {@code dir} (else its default directory) with {@code options}. */
  public static Dataset open(String name, Optional<Path> dir, DatasetOptions options) {
    Datasets registry = Datasets.discover();
    return dir.isPresent()
        ? registry.create(name, dir.get(), options)
        : registry.create(name, options);
  }
}
