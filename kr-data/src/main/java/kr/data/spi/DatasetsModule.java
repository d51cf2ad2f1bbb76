package kr.data.spi;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import java.util.ServiceLoader;
import kr.data.Checks;

/**
 * Binds {@code Map<String, DatasetProvider>} (a Guice {@link MapBinder}) with every provider found
 * by {@link ServiceLoader} (or given explicitly), keyed by {@link DatasetProvider#name()}. Two
 * providers with the same name make injector creation fail, naming both.
 */
public final class DatasetsModule extends AbstractModule {
  private final List<DatasetProvider> providers;

  /** Discovers providers with {@link ServiceLoader} on this class's loader. */
  public DatasetsModule() {
    this(
        ServiceLoader.load(DatasetProvider.class, DatasetsModule.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /**
   * @param providers the providers to bind
   */
  public DatasetsModule(List<DatasetProvider> providers) {
    this.providers = List.copyOf(Checks.notNull("providers", providers));
  }

  @Override
  protected void configure() {
    MapBinder<String, DatasetProvider> map =
        MapBinder.newMapBinder(binder(), String.class, DatasetProvider.class);
    for (DatasetProvider p : providers) {
      map.addBinding(p.name()).toInstance(p);
    }
  }
}
