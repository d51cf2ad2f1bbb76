package kr.backbones.poolformer;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link PoolFormer#VARIANTS} (through {@link MapBinder} in a loop, so
 * each name is written once; a duplicate name still fails at start-up).
 */
public final class PoolFormerPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, BackboneFactory> map =
            MapBinder.newMapBinder(binder(), String.class, BackboneFactory.class);
        for (String name : PoolFormer.VARIANTS.keySet()) {
          map.addBinding(name).toInstance(PoolFormer.factory(name));
        }
      }
    };
  }
}
