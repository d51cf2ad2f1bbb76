package kr.backbones.api;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import kr.core.graph.Checks;

/**
 * The extension point for backbones. A jar adds backbones by listing an implementation in {@code
 * META-INF/services/kr.backbones.api.BackbonePlugin}; its Guice module contributes named factories
 * to the map binder, for example:
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
 * A name contributed twice makes the injector fail at start-up, naming the key. A family with a
 * variant table registers it in one loop with {@link #variants}, so each name is written once.
 */
public interface BackbonePlugin {

  /** A Guice module binding this plugin's factories into {@code Map<String, BackboneFactory>}. */
  Module module();

  /**
   * A module binding {@code factory.apply(name)} under each of {@code names} (a family's variant
   * table keys) through the map binder: a name contributed twice still fails at start-up.
   */
  static Module variants(Collection<String> names, Function<String, BackboneFactory> factory) {
    List<String> copy = List.copyOf(Checks.notNull("names", names));
    Checks.notNull("factory", factory);
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, BackboneFactory> map =
            MapBinder.newMapBinder(binder(), String.class, BackboneFactory.class);
        for (String name : copy) {
          map.addBinding(name).toInstance(factory.apply(name));
        }
      }
    };
  }
}
