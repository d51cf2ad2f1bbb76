package kr.backbones.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kr.backbones.resnet.ResNet.Block;
import kr.backbones.resnet.ResNet.Layout;
import kr.backbones.resnet.ResNet.ResNetArgs;
import org.junit.jupiter.api.Test;

class ResNetTest {

  @Test
  void variantTable() {
    assertThat(ResNet.VARIANTS)
        .containsOnlyKeys(
            "resnet18",
            "resnet18-slim",
            "resnet50",
            "resnet50-v1.5",
            "resnet18-cifar",
            "resnet18-slim-cifar",
            "resnet50-cifar",
            "resnet50-v1.5-cifar");
    assertThat(ResNet.variant("resnet50-v1.5-cifar").layout()).isEqualTo(Layout.V1_5);
    assertThat(ResNet.variant("resnet18-cifar").stem()).isEqualTo(ResNet.Stem.CIFAR);
    assertThat(ResNet.variant("resnet18").stem()).isEqualTo(ResNet.Stem.IMAGENET);
    assertThat(ResNet.variant("resnet50").layout()).isEqualTo(Layout.V1);
    assertThat(ResNet.variant("resnet50-v1.5").layout()).isEqualTo(Layout.V1_5);
    assertThat(ResNet.variant("resnet18").blockConvs()).isEqualTo(16);
    assertThat(ResNet.variant("resnet50").blockConvs()).isEqualTo(48);
    assertThat(ResNet.variant("resnet18").defaultStep()).isEqualTo(32);
    assertThat(ResNet.variant("resnet50").defaultStep()).isEqualTo(16);
    assertThat(ResNet.variant("resnet18-slim").numFeatures()).isEqualTo(256);
    assertThat(ResNet.variant("resnet50").numFeatures()).isEqualTo(2048);
  }

  @Test
  void argsAreChecked() {
    assertThatThrownBy(() -> ResNetArgs.of(Block.BASIC, List.of(2, 2), List.of(64), 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("widths");
    assertThatThrownBy(() -> ResNetArgs.of(Block.BASIC, List.of(2, 0), List.of(64, 128), 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth");
    assertThatThrownBy(() -> ResNet.variant("resnet34"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet18-slim");
  }
}
