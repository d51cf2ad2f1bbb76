package kr.backbones.methods;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import kr.core.graph.Checks;
import kr.core.kr.KrConfig;

/**
 * The registry of dynamic-kernel methods: every {@link DynamicKernelPlugin} on the class path,
 * found with {@link ServiceLoader} and bound by name with a Guice {@link MapBinder}, as {@link
 * kr.backbones.Backbones} does for backbones. {@code DynamicKernelMethods.get("odconv4x")}.
 *
 * <p>KR itself needs a {@link KrConfig} and the backbone's step, so it is built with {@link
 * #kr(KrConfig, int)} rather than looked up by name.
 */
public final class DynamicKernelMethods {
  private static volatile Map<String, DynamicKernelMethod> registry;

  private DynamicKernelMethods() {}

  /** The Guice module of every discovered plugin, plus an empty map binding. */
  public static Module discoveredModule() {
    List<Module> modules = new ArrayList<>();
    for (DynamicKernelPlugin p : ServiceLoader.load(DynamicKernelPlugin.class)) {
      modules.add(p.module());
    }
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, DynamicKernelMethod.class);
        modules.forEach(this::install);
      }
    };
  }

  /** The name → method map of an injector built with {@link #discoveredModule()}. */
  public static Map<String, DynamicKernelMethod> methods(Injector injector) {
    return injector.getInstance(Key.get(new TypeLiteral<Map<String, DynamicKernelMethod>>() {}));
  }

  private static Map<String, DynamicKernelMethod> registry() {
    Map<String, DynamicKernelMethod> r = registry;
    if (r == null) {
      synchronized (DynamicKernelMethods.class) {
        if (registry == null) {
          registry = new TreeMap<>(methods(Guice.createInjector(discoveredModule())));
        }
        r = registry;
      }
    }
    return r;
  }

  /** Every registered name, sorted. */
  public static List<String> list() {
    return List.copyOf(registry().keySet());
  }

  /** The method registered as {@code name}; an unknown name lists the known ones. */
  public static DynamicKernelMethod get(String name) {
    DynamicKernelMethod m = registry().get(name);
    if (m == null) {
      throw new IllegalArgumentException("unknown dynamic-kernel method '" + name
          + "'; known methods: " + String.join(", ", list()));
    }
    return m;
  }

  /** KR (the paper's method) through the same interface, with the backbone's growth step. */
  public static DynamicKernelMethod kr(KrConfig config, int step) {
    return new KrMethod(Checks.notNull("config", config), step);
  }
}
