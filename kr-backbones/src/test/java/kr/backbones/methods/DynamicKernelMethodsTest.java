package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kr.core.kr.KrConfig;
import org.junit.jupiter.api.Test;

class DynamicKernelMethodsTest {

  @Test
  void everyBaselineIsDiscoverableUnderItsOwnName() {
    assertThat(DynamicKernelMethods.list()).containsExactly("condconv", "dcd", "dyconv",
        "odconv1x", "odconv4x", "static", "we", "weightnet");
    for (String name : DynamicKernelMethods.list()) {
      DynamicKernelMethod m = DynamicKernelMethods.get(name);
      assertThat(m.name()).isEqualTo(name);
      assertThat(m.description()).isNotBlank();
    }
    assertThat(((OdConv) DynamicKernelMethods.get("odconv4x")).kernels()).isEqualTo(4);
    assertThat(((CondConv) DynamicKernelMethods.get("condconv")).experts()).isEqualTo(8);
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> DynamicKernelMethods.get("odconv2x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odconv2x")
        .hasMessageContaining("condconv, dcd, dyconv, odconv1x, odconv4x, static, we, weightnet");
  }

  @Test
  void krGoesThroughTheSameInterface() {
    DynamicKernelMethod kr = DynamicKernelMethods.kr(KrConfig.kr4x(), 32);
    assertThat(kr.name()).isEqualTo("kr4x");
    assertThatThrownBy(() -> DynamicKernelMethods.kr(KrConfig.kr4x(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
  }
}
