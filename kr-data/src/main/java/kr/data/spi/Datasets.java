package kr.data.spi;

import com.google.inject.Guice;
import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kr.data.Checks;
import kr.data.Dataset;
import kr.data.DatasetOptions;

/**
 * The dataset registry: creates a dataset by name from the bound {@link DatasetProvider}s. Built-in
 * names: {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code cifar100}, {@code imagenet}.
 *
 * <pre>{@code
 * Dataset d = Datasets.discover().create("cifar10", Path.of("/data/cifar-10-batches-bin"), DatasetOptions.DEFAULTS);
 * }</pre>
 */
public final class Datasets {
  private final Map<String, DatasetProvider> providers;

  /**
   * @param providers providers by name (as bound by {@link DatasetsModule})
   */
  @Inject
  public Datasets(Map<String, DatasetProvider> providers) {
    this.providers = new TreeMap<>(Checks.notNull("providers", providers));
  }

  /**
   * @return a registry of every provider on the class path, bound through Guice
   */
  public static Datasets discover() {
    return Guice.createInjector(new DatasetsModule()).getInstance(Datasets.class);
  }

  /**
   * @return the known names, sorted
   */
  public List<String> names() {
    return List.copyOf(providers.keySet());
  }

  /**
   * @param name registry name
   * @return its provider
   * @throws IllegalArgumentException if the name is unknown; the message lists the known names
   */
  public DatasetProvider provider(String name) {
    DatasetProvider p = providers.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown dataset '" + name + "': known datasets are " + names());
    }
    return p;
  }

  /**
   * @param name registry name
   * @return the jar or class directory its provider was loaded from, if known
   * @throws IllegalArgumentException if the name is unknown; the message lists the known names
   */
  public Optional<String> source(String name) {
    return DatasetsModule.source(provider(name).getClass());
  }

  /**
   * @param name registry name
   * @param dataDir directory with the files
   * @param options loading options
   * @return the loaded dataset
   */
  public Dataset create(String name, Path dataDir, DatasetOptions options) {
    Checks.notNull("dataDir", dataDir);
    Checks.notNull("options", options);
    return provider(name).create(dataDir, options);
  }

  /**
   * Checks a data directory's layout without loading it ({@link DatasetProvider#checkLayout}).
   *
   * @param name registry name
   * @param dataDir the directory, or empty for the provider's default one
   * @return the directory checked
   * @throws IllegalArgumentException if the name is unknown, or no directory is given and the
   *     dataset has no default
   * @throws kr.data.DatasetFormatException naming the missing directory or file
   */
  public Path checkLayout(String name, Optional<Path> dataDir) {
    DatasetProvider p = provider(name);
    Path dir =
        Checks.notNull("dataDir", dataDir)
            .or(p::defaultDataDir)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "dataset '" + name + "' has no default data directory: pass one"));
    p.checkLayout(dir);
    return dir;
  }

  /**
   * Loads from the provider's default directory.
   *
   * @param name registry name
   * @param options loading options
   * @return the loaded dataset
   * @throws IllegalArgumentException if the dataset has no default directory
   */
  public Dataset create(String name, DatasetOptions options) {
    DatasetProvider p = provider(name);
    Path dir =
        p.defaultDataDir()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "dataset '" + name + "' has no default data directory: pass one"));
    return p.create(dir, options);
  }
}
