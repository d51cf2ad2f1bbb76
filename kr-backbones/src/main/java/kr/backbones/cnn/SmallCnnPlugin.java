package kr.backbones.cnn;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.BackbonePlugin;

/** Registers the {@link SmallCnn} variants (keys are {@link SmallCnn#VARIANTS} names). */
public final class SmallCnnPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return new AbstractModule() {
      @ProvidesIntoMap
      @StringMapKey("cnn-small")
      BackboneFactory cnnSmall() {
        return SmallCnn.factory("cnn-small");
      }

      @ProvidesIntoMap
      @StringMapKey("test-cnn")
      BackboneFactory testCnn() {
        return SmallCnn.factory("test-cnn");
      }
    };
  }
}
