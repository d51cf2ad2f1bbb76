package kr.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.kr.AttentionMode;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import kr.core.model.PixelNormalization;
import kr.train.Json;
import kr.train.RunConfigFile;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  private static final PixelNormalization FASHION =
      PixelNormalization.of(new float[] {0.2860f}, new float[] {0.3530f});

  private static ModelSpec roundTrip(ModelSpec spec) throws Exception {
    ObjectNode section = RunConfigFile.modelSection(spec);
    ObjectNode reread = (ObjectNode) Json.mapper().readTree(section.toString());
    return Json.mapper().treeToValue(reread, ModelSpec.class);
  }

  @Test
  void everyKrFieldSurvivesTheModelSection() throws Exception {
    KrConfig kr =
        KrConfig.kr(2)
            .withStep(24)
            .withReduction(4)
            .withD0Dim(48)
            .withAlphaEmbed(16)
            .withAttention(AttentionMode.KERNEL_ONLY)
            .withoutFrequencyInit()
            .withoutKrBatchNorm();
    ModelSpec spec =
        ModelSpec.of(
            "test-cnn",
            new KrMethod(kr),
            "fashion-mnist",
            Optional.of(Path.of("/data/fm")),
            new InputSpec(32, 32, 3).withNormalization(FASHION),
            true,
            10,
            0.1,
            0);
    ObjectNode section = RunConfigFile.modelSection(spec);
    assertThat(section.get("method").asText()).isEqualTo("kr");
    assertThat(section.get("kr").get("step").asInt()).isEqualTo(24);
    assertThat(section.get("kr").get("d0_dim").asInt()).isEqualTo(48);
    ModelSpec back = roundTrip(spec);
    assertThat(back).isEqualTo(spec);
    assertThat(((KrMethod) back.kernelMethod()).config()).isEqualTo(kr);
    assertThat(back.methodLabel()).isEqualTo(kr.label());
    assertThat(back.input()).isEqualTo(new InputSpec(32, 32, 3).withNormalization(FASHION));
    assertThat(back.build().input().normalization()).isEqualTo(FASHION);
    assertThat(back.dataDirectory()).contains(Path.of("/data/fm"));
    assertThat(back.args().dropout()).hasValue(0.1);
  }

  @Test
  void staticAndBaselineMethodsRebuildByName() throws Exception {
    ModelSpec plain =
        ModelSpec.of(
            "test-cnn",
            StaticMethod.INSTANCE,
            "mnist",
            Optional.empty(),
            new InputSpec(28, 28, 1),
            false,
            10,
            0,
            0);
    ModelSpec back = roundTrip(plain);
    assertThat(back.kernelMethod()).isSameAs(StaticMethod.INSTANCE);
    assertThat(back.kr().variant()).isEqualTo(KrConfig.Variant.OFF);
    assertThat(back.dataDirectory()).isEmpty();

    ModelSpec cond =
        ModelSpec.of(
            "resnet18",
            DynamicKernelMethods.get("condconv"),
            "cifar10",
            Optional.empty(),
            new InputSpec(32, 32, 3),
            false,
            10,
            0,
            0);
    assertThat(roundTrip(cond).kernelMethod().name()).isEqualTo("condconv");
  }

  @Test
  void aModelSectionWithoutTheNormalisationRebuildsD0OnTheImagesAsGiven() throws Exception {
    ModelSpec spec =
        ModelSpec.of(
            "test-cnn",
            new KrMethod(KrConfig.kr4x()),
            "mnist",
            Optional.empty(),
            new InputSpec(28, 28, 1).withNormalization(FASHION),
            false,
            10,
            0,
            0);
    ObjectNode section = RunConfigFile.modelSection(spec);
    assertThat(section.get("normalization").get("mean").get(0).asDouble())
        .isCloseTo(0.286, within(1e-6));
    section.remove("normalization");
    section.remove("drop_path");
    ModelSpec older = Json.mapper().treeToValue(section, ModelSpec.class);
    assertThat(older.input().normalization().absent()).isTrue();
    assertThat(older.dropPath()).isZero();
  }

  @Test
  void aKrSectionOnAnotherMethodIsRefused() {
    assertThatThrownBy(
            () ->
                new ModelSpec(
                    "test-cnn",
                    "static",
                    KrSpec.of(KrConfig.kr4x()),
                    "mnist",
                    "",
                    28,
                    28,
                    1,
                    false,
                    10,
                    0,
                    0.0,
                    PixelNormalization.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kr");
  }
}
