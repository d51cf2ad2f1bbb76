package kr.backbones.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import kr.core.graph.Checks;

/**
 * A registry of named values contributed by plugins: every implementation of the plugin type listed
 * in {@code META-INF/services/} is found with {@link ServiceLoader}, its Guice module binds values
 * into a {@code MapBinder<String, V>} (so a name contributed twice fails when the registry is first
 * used, naming the key), and the result is kept as a sorted map. Unknown names get an error listing
 * the known ones; {@link #list(String)} globs like timm's {@code list_models}.
 *
 * @param <V> the registered value type (e.g. a backbone factory)
 */
public final class PluginRegistry<V> {
  private final String kind;
  private final Class<V> valueType;
  private final Module discovered;
  private volatile Map<String, V> registry;

  private PluginRegistry(String kind, Class<V> valueType, Module discovered) {
    this.kind = kind;
    this.valueType = valueType;
    this.discovered = discovered;
  }

  /**
   * The registry of {@code valueType}s contributed by the {@code pluginType}s on the class path.
   *
   * @param kind what a value is, for error messages (e.g. {@code backbone})
   * @param module a plugin's Guice module
   */
  public static <P, V> PluginRegistry<V> discover(
      String kind, Class<P> pluginType, Function<P, Module> module, Class<V> valueType) {
    Checks.notNull("kind", kind);
    Checks.notNull("pluginType", pluginType);
    Checks.notNull("module", module);
    Checks.notNull("valueType", valueType);
    List<Module> modules = new ArrayList<>();
    for (P p : ServiceLoader.load(pluginType, pluginType.getClassLoader())) {
      modules.add(module.apply(p));
    }
    return new PluginRegistry<>(kind, valueType, mapModule(valueType, modules));
  }

  /** A module binding an (possibly empty) {@code Map<String, V>} and installing {@code modules}. */
  private static <V> Module mapModule(Class<V> valueType, List<Module> modules) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, valueType);
        modules.forEach(this::install);
      }
    };
  }

  /** The Guice module of every discovered plugin, plus the empty map binding. */
  public Module discoveredModule() {
    return discovered;
  }

  /** The name → value map bound in an injector built with {@link #discoveredModule()}. */
  @SuppressWarnings("unchecked")
  public Map<String, V> bindings(Injector injector) {
    return (Map<String, V>) injector.getInstance(Key.get(Types.mapOf(String.class, valueType)));
  }

  private Map<String, V> registry() {
    Map<String, V> r = registry;
    if (r == null) {
      synchronized (this) {
        if (registry == null) {
          registry = new TreeMap<>(bindings(Guice.createInjector(discovered)));
        }
        r = registry;
      }
    }
    return r;
  }

  /** Every registered name, sorted. */
  public List<String> list() {
    return List.copyOf(registry().keySet());
  }

  /** Names matching a glob such as {@code resnet*}. */
  public List<String> list(String glob) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + Checks.notNull("glob", glob));
    return registry().keySet().stream().filter(n -> m.matches(Path.of(n))).toList();
  }

  /** The value registered as {@code name}; an unknown name lists the known ones. */
  public V get(String name) {
    V v = registry().get(Checks.notNull(kind + " name", name));
    if (v == null) {
      throw new IllegalArgumentException(
          "unknown " + kind + " '" + name + "'; known " + kind + "s: " + String.join(", ", list()));
    }
    return v;
  }
}
