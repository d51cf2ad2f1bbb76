package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.AttentionMode;
import kr.core.kr.KrConfig;
import org.junit.jupiter.api.Test;

/** How {@code --method} and {@code --kr} combine into one dynamic-kernel method. */
class MethodOptionTest {
  private static final AttentionMode OMNI = AttentionMode.OMNI;

  private static DynamicKernelMethod resolve(String method, String kr) {
    return MethodOption.resolve(method, kr, OMNI);
  }

  @Test
  void neitherFlagIsStaticKernels() {
    assertThat(resolve(null, null)).isSameAs(StaticMethod.INSTANCE);
    assertThat(resolve("static", null)).isSameAs(StaticMethod.INSTANCE);
  }

  @Test
  void krAloneMeansMethodKrAndMethodKrAloneMeansKr4x() {
    assertThat(resolve(null, "1x")).isEqualTo(new KrMethod(KrConfig.kr1x()));
    assertThat(resolve(null, "dyn-4x")).isEqualTo(new KrMethod(KrConfig.dynamicOnly(4)));
    assertThat(resolve("kr", null)).isEqualTo(new KrMethod(KrConfig.kr4x()));
    assertThat(resolve("kr", "8x")).isEqualTo(new KrMethod(KrConfig.kr(8)));
    AttentionMode other =
        AttentionMode.values()[(OMNI.ordinal() + 1) % AttentionMode.values().length];
    assertThat(((KrMethod) MethodOption.resolve(null, "4x", other)).config().attention())
        .isEqualTo(other);
  }

  @Test
  void aBaselineIsTheRegisteredMethod() {
    for (String name : DynamicKernelMethods.list()) {
      assertThat(resolve(name, null)).isSameAs(DynamicKernelMethods.get(name));
    }
  }

  @Test
  void krWithAnotherMethodOrKrOffSaysWhatToWriteInstead() {
    assertThatThrownBy(() -> resolve("odconv4x", "4x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--kr 4x configures KR only, not --method odconv4x; drop --kr, or write "
                + "--method kr --kr 4x");
    assertThatThrownBy(() -> resolve("static", "1x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drop --kr");
    assertThatThrownBy(() -> resolve(null, "off"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--kr off: static kernels are --method static (the default); drop --kr");
    assertThatThrownBy(() -> resolve("kr", "off"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--method static");
  }

  @Test
  void badValuesNameTheFlagAndTheValue() {
    assertThatThrownBy(() -> resolve(null, "4y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--kr: ")
        .hasMessageContaining("'4y'");
    assertThatThrownBy(() -> resolve("odconv2x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown --method 'odconv2x'")
        .hasMessageContaining(
            "kr, condconv, dcd, dyconv, odconv1x, odconv1x-all, odconv4x, odconv4x-all, static, we");
  }

  @Test
  void theTemperatureIsTheMethodsUnlessGiven() {
    assertThat(TrainCommand.temperature(null, resolve("dyconv", null)))
        .isEqualTo(TemperatureSchedule.dyconv());
    assertThat(TrainCommand.temperature(null, resolve("odconv1x", null)))
        .isEqualTo(TemperatureSchedule.dyconv());
    assertThat(TrainCommand.temperature(null, resolve(null, "4x")))
        .isEqualTo(TemperatureSchedule.none());
    assertThat(TrainCommand.temperature(null, resolve("condconv", null)))
        .isEqualTo(TemperatureSchedule.none());
    assertThat(TrainCommand.temperature("none", resolve("dyconv", null)))
        .isEqualTo(TemperatureSchedule.none());
    assertThat(TrainCommand.temperature("linear:5:2", resolve(null, null)))
        .isEqualTo(TemperatureSchedule.linear(5, 2));
  }
}
