package kr.backbones.resnet;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers the {@link ResNet} variants. Each key must be a {@link ResNet#VARIANTS} name (a
 * mismatch fails when the registry is built, and the contract test checks both sets agree).
 */
public final class ResNetPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @ProvidesIntoMap
      @StringMapKey("resnet18")
      BackboneFactory resnet18() {
        return ResNet.factory("resnet18");
      }

      @ProvidesIntoMap
      @StringMapKey("resnet18-slim")
      BackboneFactory resnet18Slim() {
        return ResNet.factory("resnet18-slim");
      }

      @ProvidesIntoMap
      @StringMapKey("resnet50")
      BackboneFactory resnet50() {
        return ResNet.factory("resnet50");
      }

      @ProvidesIntoMap
      @StringMapKey("resnet50-v1.5")
      BackboneFactory resnet50v15() {
        return ResNet.factory("resnet50-v1.5");
      }
    };
  }
}
