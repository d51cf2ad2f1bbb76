package kr.backbones;

import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.registry.PluginRegistry;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;

/**
 * The backbone registry: every {@link BackbonePlugin} on the class path, found with {@link
 * java.util.ServiceLoader} and bound by name with Guice ({@link PluginRegistry}). {@code
 * Backbones.create("vit-nano", new KrMethod(KrConfig.kr4x()), InputSpec.cifar(), 10)}.
 */
public final class Backbones {
  private static final PluginRegistry<BackboneFactory> REGISTRY =
      PluginRegistry.discover(
          "backbone", BackbonePlugin.class, BackbonePlugin::module, BackboneFactory.class);

  private Backbones() {}

  /** The Guice module of every discovered plugin, plus an empty map binding. */
  public static Module discoveredModule() {
    return REGISTRY.discoveredModule();
  }

  /** The name → factory map of an injector built with {@link #discoveredModule()}. */
  public static Map<String, BackboneFactory> factories(Injector injector) {
    return REGISTRY.bindings(injector);
  }

  /**
   * The jar or class directory of the plugin that registered {@code name}, if known; an unknown
   * name lists the known ones.
   */
  public static Optional<String> source(String name) {
    return REGISTRY.source(name);
  }

  /** Every registered name, sorted. */
  public static List<String> list() {
    return REGISTRY.list();
  }

  /** Names matching a glob such as {@code resnet*}. */
  public static List<String> list(String glob) {
    return REGISTRY.list(glob);
  }

  /** The factory for {@code name}; an unknown name lists the known ones. */
  public static BackboneFactory factory(String name) {
    return REGISTRY.get(name);
  }

  /**
   * The model; an unknown name lists the known ones, a method the backbone cannot place is an
   * {@link IllegalArgumentException} naming both.
   */
  public static ImageClassifier create(String name, BackboneArgs args) {
    return factory(name).create(args);
  }

  public static ImageClassifier create(
      String name, DynamicKernelMethod method, InputSpec input, int numClasses) {
    return create(name, BackboneArgs.of(method, input, numClasses));
  }

  /** The variant at its paper input (e.g. 224×224 RGB, 1000 classes for ImageNet models). */
  public static ImageClassifier create(String name, DynamicKernelMethod method) {
    BackboneFactory f = factory(name);
    return f.create(BackboneArgs.of(method, f.defaultInput(), 1000));
  }
}
