package kr.backbones.registry;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.spi.Message;
import com.google.inject.util.Types;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import kr.core.graph.Checks;

/**
 * A registry of named values contributed by plugins: every implementation of the plugin type listed
 * in {@code META-INF/services/} on the class path is found (as {@link java.util.ServiceLoader}
 * does, see {@code ClassPathPlugins}), its Guice module binds values into a {@code
 * MapBinder<String, V>}, and the result is kept as a sorted map. Unknown names get an error listing
 * the known ones; {@link #list(String)} globs like timm's {@code list_models}.
 *
 * <p>Discovery happens on first use, on the {@linkplain #loaderFor plugin class loader} of that
 * moment: the thread's context class loader when it sees the plugin type (the command line sets it
 * to a loader over the class path and {@code --plugin-path}), else the plugin type's own loader. A
 * broken plugin (class missing, constructor or {@code module()} throwing, a Guice error in its
 * module, or a name another plugin already contributes) fails that use with a {@link
 * PluginException} naming the plugin class and its jar, every time.
 *
 * @param <V> the registered value type (e.g. a backbone factory)
 */
public final class PluginRegistry<V> {
  private final String kind;
  private final Class<V> valueType;
  private final Supplier<Discovered<V>> discovered;

  /** The plugins' modules, the merged name → value map and where each name came from. */
  private record Discovered<V>(
      Module module, Map<String, V> registry, Map<String, Optional<String>> sources) {}

  private PluginRegistry(String kind, Class<V> valueType, Supplier<Discovered<V>> discovered) {
    this.kind = kind;
    this.valueType = valueType;
    this.discovered = discovered;
  }

  /**
   * The registry of {@code valueType}s contributed by the {@code pluginType}s that {@link
   * #loaderFor(Class)} sees at first use.
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
    return new PluginRegistry<>(
        kind, valueType, memoize(() -> discoverNow(kind, pluginType, module, valueType)));
  }

  private static <P, V> Discovered<V> discoverNow(
      String kind, Class<P> pluginType, Function<P, Module> module, Class<V> valueType) {
    List<Module> modules = new ArrayList<>();
    Map<String, V> merged = new TreeMap<>();
    Map<String, ClassPathPlugins.Found<P>> owner = new TreeMap<>();
    for (ClassPathPlugins.Found<P> p : ClassPathPlugins.load(pluginType, loaderFor(pluginType))) {
      Module m;
      Map<String, V> own;
      try {
        m = Checks.notNull(p.className() + ".module()", module.apply(p.plugin()));
        own = bindings(valueType, Guice.createInjector(mapModule(valueType, List.of(m))));
      } catch (CreationException e) {
        throw new PluginException(
            p.className(), p.source(), "its Guice module fails: " + first(e.getErrorMessages()), e);
      } catch (ProvisionException e) {
        throw new PluginException(
            p.className(), p.source(), "its Guice module fails: " + first(e.getErrorMessages()), e);
      } catch (RuntimeException | LinkageError e) {
        throw new PluginException(p.className(), p.source(), "module() threw " + e, e);
      }
      for (Map.Entry<String, V> e : own.entrySet()) {
        ClassPathPlugins.Found<P> first = owner.putIfAbsent(e.getKey(), p);
        if (first != null) {
          throw new PluginException(
              p.className(),
              p.source(),
              "contributes "
                  + kind
                  + " '"
                  + e.getKey()
                  + "', already contributed by "
                  + first.className()
                  + first.source().map(s -> " (from " + s + ")").orElse(""),
              null);
        }
        merged.put(e.getKey(), e.getValue());
      }
      modules.add(m);
    }
    Map<String, Optional<String>> sources = new TreeMap<>();
    owner.forEach((name, p) -> sources.put(name, p.source()));
    return new Discovered<>(
        mapModule(valueType, modules),
        Collections.unmodifiableMap(merged),
        Collections.unmodifiableMap(sources));
  }

  /**
   * The class loader plugins of {@code pluginType} are looked up on: the current thread's context
   * class loader when it loads the very same {@code pluginType} (so it extends the class path, as
   * the command line's loader over {@code --plugin-path} does), else {@code pluginType}'s own.
   */
  public static ClassLoader loaderFor(Class<?> pluginType) {
    Checks.notNull("pluginType", pluginType);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        if (Class.forName(pluginType.getName(), false, context) == pluginType) {
          return context;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // a loader that does not see the plugin type: fall back to the type's own
      }
    }
    return pluginType.getClassLoader();
  }

  private static String first(Collection<Message> errors) {
    return errors.isEmpty() ? "unknown Guice error" : errors.iterator().next().getMessage();
  }

  private static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
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

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> bindings(Class<V> valueType, Injector injector) {
    return (Map<String, V>) injector.getInstance(Key.get(Types.mapOf(String.class, valueType)));
  }

  /**
   * The Guice module of every discovered plugin, plus the empty map binding.
   *
   * @throws PluginException when a plugin is broken
   */
  public Module discoveredModule() {
    return discovered.get().module();
  }

  /** The name → value map bound in an injector built with {@link #discoveredModule()}. */
  public Map<String, V> bindings(Injector injector) {
    return bindings(valueType, Checks.notNull("injector", injector));
  }

  private Map<String, V> registry() {
    return discovered.get().registry();
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

  /** The jar or class directory {@code c} was loaded from, if known. */
  public static Optional<String> codeSource(Class<?> c) {
    return ClassPathPlugins.codeSource(Checks.notNull("c", c));
  }

  /**
   * The jar or class directory of the plugin that contributed {@code name}, if known.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public Optional<String> source(String name) {
    get(name);
    return discovered.get().sources().get(name);
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
