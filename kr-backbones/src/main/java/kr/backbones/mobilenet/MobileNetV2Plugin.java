package kr.backbones.mobilenet;

import com.google.inject.Module;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link MobileNetV2#VARIANTS}, in one loop over the table's keys ({@link
 * BackbonePlugin#variants}).
 */
public final class MobileNetV2Plugin implements BackbonePlugin {

  @Override
  public Module module() {
    return BackbonePlugin.variants(MobileNetV2.VARIANTS.keySet(), MobileNetV2::factory);
  }
}
