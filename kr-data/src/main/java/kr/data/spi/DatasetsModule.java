package kr.data.spi;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import kr.data.Checks;

/**
 * Binds {@code Map<String, DatasetProvider>} (a Guice {@link MapBinder}) with every provider found
 * by {@link ServiceLoader} (or given explicitly), keyed by {@link DatasetProvider#name()}. Two
 * providers with the same name make injector creation fail, naming both.
 */
public final class DatasetsModule extends AbstractModule {
  private final List<DatasetProvider> providers;

  /**
   * Discovers providers with {@link ServiceLoader} on {@link #loader()}.
   *
   * @throws IllegalArgumentException in one line naming the provider class (and its jar, when its
   *     class loads) when a {@code META-INF/services} entry names a missing class, its constructor
   *     or {@code name()} throws, or two providers share a name
   */
  public DatasetsModule() {
    this(discover());
  }

  private static List<DatasetProvider> discover() {
    List<DatasetProvider> found = new ArrayList<>();
    Map<String, Class<?>> byName = new HashMap<>();
    Iterator<ServiceLoader.Provider<DatasetProvider>> it =
        ServiceLoader.load(DatasetProvider.class, loader()).stream().iterator();
    while (true) {
      ServiceLoader.Provider<DatasetProvider> p;
      try {
        if (!it.hasNext()) {
          return found;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException("dataset plugin: " + describe(e), e);
      }
      Class<?> type = p.type();
      String name;
      try {
        DatasetProvider provider = p.get();
        name = provider.name();
        found.add(provider);
      } catch (ServiceConfigurationError | RuntimeException e) {
        throw new IllegalArgumentException(
            "dataset plugin " + type.getName() + from(type) + ": " + describe(e), e);
      }
      Class<?> first = byName.putIfAbsent(name, type);
      if (first != null) {
        throw new IllegalArgumentException(
            "dataset plugin "
                + type.getName()
                + from(type)
                + ": contributes dataset '"
                + name
                + "', already contributed by "
                + first.getName()
                + from(first));
      }
    }
  }

  /**
   * The loader providers are looked up on: the current thread's context class loader when it sees
   * this very {@link DatasetProvider} type (the command line sets it to a loader over the class
   * path and {@code --plugin-path}), else this class's own.
   */
  static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        if (Class.forName(DatasetProvider.class.getName(), false, context)
            == DatasetProvider.class) {
          return context;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // a loader that does not see the provider type: fall back to this class's
      }
    }
    return DatasetsModule.class.getClassLoader();
  }

  /** The error and its cause, on one line. */
  private static String describe(Throwable e) {
    String m = String.valueOf(e.getMessage());
    if (e.getCause() != null && e.getCause() != e) {
      m += ": " + e.getCause();
    }
    return m.replaceAll("\\s*\\R\\s*", "; ").strip();
  }

  /** " (from JAR)" for a class loaded from a jar or directory, else "". */
  private static String from(Class<?> c) {
    return source(c).map(s -> " (from " + s + ")").orElse("");
  }

  /** The jar or class directory {@code c} was loaded from, if known. */
  static Optional<String> source(Class<?> c) {
    CodeSource cs = c.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(cs.getLocation().toURI()).toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.of(cs.getLocation().toString());
    }
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
