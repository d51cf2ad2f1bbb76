package kr.backbones.resnet;

import com.google.inject.Module;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link ResNet#VARIANTS}, in one loop over the table's keys ({@link
 * BackbonePlugin#variants}).
 */
public final class ResNetPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return BackbonePlugin.variants(ResNet.VARIANTS.keySet(), ResNet::factory);
  }
}
