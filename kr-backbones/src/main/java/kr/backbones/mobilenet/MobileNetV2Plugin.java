package kr.backbones.mobilenet;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;

/** Registers the {@link MobileNetV2} widths (keys are {@link MobileNetV2#VARIANTS} names). */
public final class MobileNetV2Plugin implements BackbonePlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @ProvidesIntoMap
      @StringMapKey("mobilenetv2-1.0")
      BackboneFactory width100() {
        return MobileNetV2.factory("mobilenetv2-1.0");
      }

      @ProvidesIntoMap
      @StringMapKey("mobilenetv2-0.75")
      BackboneFactory width075() {
        return MobileNetV2.factory("mobilenetv2-0.75");
      }

      @ProvidesIntoMap
      @StringMapKey("mobilenetv2-0.5")
      BackboneFactory width050() {
        return MobileNetV2.factory("mobilenetv2-0.5");
      }
    };
  }
}
