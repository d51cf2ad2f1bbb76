package kr.data.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import kr.data.Checks;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;

/**
 * A provider of one named variant of a file format: its description, class names and normalisation
 * are fixed values, and the format's layout check and loader are called with the name
 * (CIFAR-10/100, MNIST, Fashion-MNIST).
 */
public abstract class FixedDatasetProvider implements DatasetProvider {

  /** Loads the variant {@code name} from {@code dir}. */
  @FunctionalInterface
  public interface Loader {
    Dataset load(String name, Path dir, DatasetOptions options);
  }

  private final String name;
  private final String description;
  private final List<String> classNames;
  private final Normalize normalization;
  private final BiConsumer<String, Path> layout;
  private final Loader loader;

  /**
   * @param layout checks a data directory for the variant {@code name} (throws if it is unusable)
   */
  protected FixedDatasetProvider(
      String name,
      String description,
      List<String> classNames,
      Normalize normalization,
      BiConsumer<String, Path> layout,
      Loader loader) {
    this.name = Checks.notNull("name", name);
    this.description = Checks.notNull("description", description);
    this.classNames = List.copyOf(classNames);
    this.normalization = Checks.notNull("normalization", normalization);
    this.layout = Checks.notNull("layout", layout);
    this.loader = Checks.notNull("loader", loader);
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
    layout.accept(name, dataDir);
  }

  @Override
  public final Dataset create(Path dataDir, DatasetOptions options) {
    return loader.load(name, dataDir, options);
  }

  @Override
  public final List<String> classNames() {
    return classNames;
  }

  @Override
  public final Optional<Normalize> normalization() {
    return Optional.of(normalization);
  }
}
