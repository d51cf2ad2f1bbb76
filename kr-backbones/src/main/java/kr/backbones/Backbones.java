package kr.backbones;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;

/**
 * The backbone registry: every {@link BackbonePlugin} on the class path, found with {@link
 * ServiceLoader} and bound by name with Guice. {@code Backbones.create("vit-nano",
 * KrConfig.kr4x(), InputSpec.cifar(), 10)}.
 */
public final class Backbones {
  private static volatile Map<String, BackboneFactory> registry;

  private Backbones() {}

  /** The Guice module of every discovered plugin, plus an empty map binding. */
  public static Module discoveredModule() {
    List<Module> modules = new ArrayList<>();
    for (BackbonePlugin p : ServiceLoader.load(BackbonePlugin.class)) {
      modules.add(p.module());
    }
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, BackboneFactory.class);
        modules.forEach(this::install);
      }
    };
  }

  /** The name → factory map of an injector built with {@link #discoveredModule()}. */
  public static Map<String, BackboneFactory> factories(Injector injector) {
    return injector.getInstance(Key.get(new TypeLiteral<Map<String, BackboneFactory>>() {}));
  }

  private static Map<String, BackboneFactory> registry() {
    Map<String, BackboneFactory> r = registry;
    if (r == null) {
      synchronized (Backbones.class) {
        if (registry == null) {
          registry = new TreeMap<>(factories(Guice.createInjector(discoveredModule())));
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

  /** Names matching a glob such as {@code resnet*}. */
  public static List<String> list(String glob) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return registry().keySet().stream().filter(n -> m.matches(Path.of(n))).toList();
  }

  /** The factory for {@code name}; an unknown name lists the known ones. */
  public static BackboneFactory factory(String name) {
    BackboneFactory f = registry().get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown backbone '" + name + "'; known backbones: " + String.join(", ", list()));
    }
    return f;
  }

  public static ImageClassifier create(String name, BackboneArgs args) {
    return factory(name).create(args);
  }

  public static ImageClassifier create(String name, KrConfig kr, InputSpec input,
      int numClasses) {
    return create(name, BackboneArgs.of(kr, input, numClasses));
  }

  /** The variant at its paper input (e.g. 224×224 RGB, 1000 classes for ImageNet models). */
  public static ImageClassifier create(String name, KrConfig kr) {
    BackboneFactory f = factory(name);
    return f.create(BackboneArgs.of(kr, f.defaultInput(), 1000));
  }
}
