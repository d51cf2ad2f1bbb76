package kr.backbones.api;

import com.google.inject.Module;

/**
 * The extension point for backbones. A jar adds backbones by listing an implementation in
 * {@code META-INF/services/kr.backbones.api.BackbonePlugin}; its Guice module contributes named
 * factories to the map binder, for example:
 *
 * <pre>{@code
 * public final class MyPlugin implements BackbonePlugin {
 *   public Module module() {
 *     return new AbstractModule() {
 *       @ProvidesIntoMap @StringMapKey("my-net")
 *       BackboneFactory myNet() { return new MyNetFactory(); }
 *     };
 *   }
 * }
 * }</pre>
 *
 * A name contributed twice makes the injector fail at start-up, naming the key.
 */
public interface BackbonePlugin {

  /** A Guice module binding this plugin's factories into {@code Map<String, BackboneFactory>}. */
  Module module();
}
