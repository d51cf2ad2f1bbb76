package com.example.krplugin;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;
import kr.core.model.InputSpec;

/** Registers {@code wide-shallow}; listed in META-INF/services. */
public final class ExamplePlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @ProvidesIntoMap
      @StringMapKey("wide-shallow")
      BackboneFactory wideShallow() {
        return BackboneFactory.of(
            "wide-shallow",
            InputSpec.cifar(),
            "example third-party plugin: two wide stride-2 KR convs",
            WideShallowNet.SITES,
            WideShallowNet::new);
      }
    };
  }
}
