package kr.backbones.methods;

import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.DynamicKernelPlugin;
import kr.backbones.registry.PluginRegistry;
import kr.core.kr.KrConfig;

/**
 * The registry of dynamic-kernel methods: every {@link DynamicKernelPlugin} on the class path,
 * found with {@link java.util.ServiceLoader} and bound by name with Guice ({@link PluginRegistry}),
 * as {@link kr.backbones.Backbones} does for backbones. {@code
 * DynamicKernelMethods.get("odconv4x")}.
 *
 * <p>KR itself needs a {@link KrConfig}, so it is {@code new KrMethod(config)} rather than looked
 * up by name.
 */
public final class DynamicKernelMethods {
  private static final PluginRegistry<DynamicKernelMethod> REGISTRY =
      PluginRegistry.discover(
          "dynamic-kernel method",
          DynamicKernelPlugin.class,
          DynamicKernelPlugin::module,
          DynamicKernelMethod.class);

  private DynamicKernelMethods() {}

  /** The Guice module of every discovered plugin, plus an empty map binding. */
  public static Module discoveredModule() {
    return REGISTRY.discoveredModule();
  }

  /** The name → method map of an injector built with {@link #discoveredModule()}. */
  public static Map<String, DynamicKernelMethod> methods(Injector injector) {
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

  /** The method registered as {@code name}; an unknown name lists the known ones. */
  public static DynamicKernelMethod get(String name) {
    return REGISTRY.get(name);
  }
}
