package kr.backbones.api;

import com.google.inject.Module;

/**
 * The extension point for dynamic-kernel methods: an implementation listed in {@code
 * META-INF/services/kr.backbones.api.DynamicKernelPlugin} contributes named {@link
 * DynamicKernelMethod}s to {@code Map<String, DynamicKernelMethod>} through its Guice module
 * ({@code @ProvidesIntoMap @StringMapKey("name")}). A name contributed twice fails at start-up.
 */
public interface DynamicKernelPlugin {

  /** A Guice module binding this plugin's methods into the map binder. */
  Module module();
}
