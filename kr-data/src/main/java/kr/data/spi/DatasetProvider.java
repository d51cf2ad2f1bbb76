package kr.data.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.data.DataFiles;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;

/**
 * Service-provider interface for datasets. To add a dataset: implement {@link Dataset}, write a
 * provider with a public no-argument constructor, and list its class name in {@code
 * META-INF/services/kr.data.spi.DatasetProvider}. {@link DatasetsModule} binds every provider found
 * by {@link java.util.ServiceLoader} under its {@link #name()} (a duplicate name fails at injector
 * creation), and {@link Datasets#create} then finds it by name. Providers must be cheap to
 * construct: loading happens in {@link #create}.
 */
public interface DatasetProvider {
  /**
   * @return the registry name, e.g. {@code "cifar10"}: lower case, unique
   */
  String name();

  /**
   * @return one line saying what the dataset is and which files it reads
   */
  String description();

  /**
   * @return where the data is installed by default, if there is such a place
   */
  default Optional<Path> defaultDataDir() {
    return Optional.empty();
  }

  /**
   * The class names in label order, where the dataset has fixed ones: what {@code kr predict}
   * prints. For a dataset with several label granularities, the names of the default one.
   *
   * @return the names, or an empty list when labels have no names (they are shown as numbers)
   */
  default List<String> classNames() {
    return List.of();
  }

  /**
   * The per-channel normalisation its {@link kr.data.DatasetInfo} states, when it is fixed without
   * reading any data, so that a trained model can be exported or run on single images where the
   * data is not installed.
   *
   * @return the normalisation, or empty when only the loaded dataset knows it
   */
  default Optional<Normalize> normalization() {
    return Optional.empty();
  }

  /**
   * Checks, without reading any data, that {@code dataDir} has the layout {@link #create} expects
   * (its folders and files exist), so that a command can reject a wrong directory before any
   * expensive work. {@link #create} still validates the content. The default checks that the
   * directory exists.
   *
   * @param dataDir directory that should hold the files as the dataset ships them
   * @throws kr.data.DatasetFormatException naming the missing directory or file and what it should
   *     hold
   */
  default void checkLayout(Path dataDir) {
    DataFiles.requireDirectory(dataDir, description());
  }

  /**
   * Loads (or, for streamed datasets, indexes) the dataset.
   *
   * @param dataDir directory holding the files as the dataset ships them
   * @param options loading options
   * @return the dataset
   * @throws kr.data.DatasetFormatException if the files are missing or malformed
   */
  Dataset create(Path dataDir, DatasetOptions options);
}
