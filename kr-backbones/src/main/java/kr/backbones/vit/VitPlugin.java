package kr.backbones.vit;

import com.google.inject.Module;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link Vit#VARIANTS}, in one loop over the table's keys ({@link
 * BackbonePlugin#variants}).
 */
public final class VitPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return BackbonePlugin.variants(Vit.VARIANTS.keySet(), Vit::factory);
  }
}
