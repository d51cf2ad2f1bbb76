package kr.backbones.poolformer;

import com.google.inject.Module;
import kr.backbones.api.BackbonePlugin;

/**
 * Registers every entry of {@link PoolFormer#VARIANTS}, in one loop over the table's keys ({@link
 * BackbonePlugin#variants}).
 */
public final class PoolFormerPlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return BackbonePlugin.variants(PoolFormer.VARIANTS.keySet(), PoolFormer::factory);
  }
}
