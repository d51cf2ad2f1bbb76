package kr.backbones.mobilenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MobileNetV2Test {

  @Test
  void makeDivisibleMatchesTheReference() {
    // torchvision _make_divisible(v, 8)
    assertThat(MobileNetV2.makeDivisible(32 * 0.5, 8)).isEqualTo(16);
    assertThat(MobileNetV2.makeDivisible(24 * 0.5, 8)).isEqualTo(16);
    assertThat(MobileNetV2.makeDivisible(16 * 0.5, 8)).isEqualTo(8);
    assertThat(MobileNetV2.makeDivisible(24 * 0.75, 8)).isEqualTo(24);
    assertThat(MobileNetV2.makeDivisible(32 * 0.75, 8)).isEqualTo(24);
    assertThat(MobileNetV2.makeDivisible(96 * 0.75, 8)).isEqualTo(72);
    assertThat(MobileNetV2.makeDivisible(160 * 0.75, 8)).isEqualTo(120);
    assertThat(MobileNetV2.makeDivisible(3, 8)).isEqualTo(8);
    assertThat(MobileNetV2.makeDivisible(1280 * Math.max(1.0, 0.5), 8)).isEqualTo(1280);
  }

  @Test
  void variantsAndChecks() {
    assertThat(MobileNetV2.VARIANTS)
        .containsOnlyKeys(
            "mobilenetv2-1.0",
            "mobilenetv2-0.75",
            "mobilenetv2-0.5",
            "mobilenetv2-1.0-cifar",
            "mobilenetv2-0.75-cifar",
            "mobilenetv2-0.5-cifar");
    assertThat(MobileNetV2.variant("mobilenetv2-0.5").downsampling()).isEqualTo(32);
    assertThat(MobileNetV2.variant("mobilenetv2-0.5-cifar").downsampling()).isEqualTo(8);
    assertThat(MobileNetV2.variant("mobilenetv2-0.75-cifar").width()).isEqualTo(0.75);
    assertThat(MobileNetV2.variant("mobilenetv2-1.0").dropout()).isEqualTo(0.2);
    assertThat(MobileNetV2.variant("mobilenetv2-1.0").defaultStep()).isEqualTo(16);
    assertThat(MobileNetV2.STAGES.stream().mapToInt(MobileNetV2.Stage::repeats).sum())
        .isEqualTo(17);
    assertThatThrownBy(() -> MobileNetV2.variant("mobilenetv2-2.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mobilenetv2-0.5");
    assertThatThrownBy(() -> MobileNetV2.MobileNetV2Args.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width");
  }
}
