package kr.backbones.vit;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link Vit#VARIANTS}. The bindings go through {@link MapBinder} in a
 * loop rather than one {@code @ProvidesIntoMap} method per name, so each name is written once, as
 * the table's key; the map binder still rejects a name contributed twice at start-up.
 */
public final class VitPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, BackboneFactory> map =
            MapBinder.newMapBinder(binder(), String.class, BackboneFactory.class);
        for (String name : Vit.VARIANTS.keySet()) {
          map.addBinding(name).toInstance(Vit.factory(name));
        }
      }
    };
  }
}
