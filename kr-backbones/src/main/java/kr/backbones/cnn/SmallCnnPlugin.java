package kr.backbones.cnn;

import com.google.inject.Module;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link SmallCnn#VARIANTS}, in one loop over the table's keys ({@link
 * BackbonePlugin#variants}).
 */
public final class SmallCnnPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return BackbonePlugin.variants(SmallCnn.VARIANTS.keySet(), SmallCnn::factory);
  }
}
