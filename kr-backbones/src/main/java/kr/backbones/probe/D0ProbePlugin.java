package kr.backbones.probe;

import com.google.inject.Module;
import java.util.List;
import kr.backbones.api.BackbonePlugin;

/** Registers the d_0 linear probe as {@value D0Probe#NAME}. */
public final class D0ProbePlugin implements BackbonePlugin {

  @Override
  public Module module() {
    return BackbonePlugin.variants(List.of(D0Probe.NAME), n -> D0Probe.factory());
  }
}
