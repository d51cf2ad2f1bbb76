package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kr.backbones.api.DynamicKernelMethod;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.KrConfig;
import org.junit.jupiter.api.Test;

class DynamicKernelMethodsTest {

  @Test
  void everyBaselineIsDiscoverableUnderItsOwnName() {
    assertThat(DynamicKernelMethods.list())
        .containsExactly(
            "condconv",
            "dcd",
            "dyconv",
            "odconv1x",
            "odconv1x-all",
            "odconv4x",
            "odconv4x-all",
            "static",
            "we",
            "weightnet");
    for (String name : DynamicKernelMethods.list()) {
      DynamicKernelMethod m = DynamicKernelMethods.get(name);
      assertThat(m.name()).isEqualTo(name);
      assertThat(m.description()).isNotBlank();
    }
    assertThat(((OdConv) DynamicKernelMethods.get("odconv4x")).kernels()).isEqualTo(4);
    assertThat(((OdConv) DynamicKernelMethods.get("odconv4x")).allLinears()).isFalse();
    assertThat(((OdConv) DynamicKernelMethods.get("odconv4x-all")).allLinears()).isTrue();
    assertThat(((CondConv) DynamicKernelMethods.get("condconv")).experts()).isEqualTo(8);
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> DynamicKernelMethods.get("odconv2x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odconv2x")
        .hasMessageContaining(
            "condconv, dcd, dyconv, odconv1x, odconv1x-all, odconv4x, odconv4x-all, static, we,"
                + " weightnet");
  }

  @Test
  void krGoesThroughTheSameInterface() {
    KrMethod kr = new KrMethod(KrConfig.kr4x());
    assertThat(kr.name()).isEqualTo("kr4x");
    assertThat(kr.step()).isEqualTo(KrMethod.DEFAULT_STEP);
    assertThat(kr.withDefaultStep(16).step()).isEqualTo(16);
    assertThat(new KrMethod(KrConfig.kr4x().withStep(8)).withDefaultStep(16).step()).isEqualTo(8);
    assertThatThrownBy(() -> kr.withDefaultStep(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step");
  }

  @Test
  void onlyDyConvAndOdConvAnnealATemperature() {
    for (String name : DynamicKernelMethods.list()) {
      boolean annealed = name.startsWith("dyconv") || name.startsWith("odconv");
      assertThat(DynamicKernelMethods.get(name).temperatureSchedule())
          .as(name)
          .isEqualTo(annealed ? TemperatureSchedule.dyconv() : TemperatureSchedule.none());
    }
    assertThat(new KrMethod(KrConfig.kr4x()).temperatureSchedule())
        .isEqualTo(TemperatureSchedule.none());
  }
}
