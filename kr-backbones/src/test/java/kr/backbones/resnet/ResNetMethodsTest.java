package kr.backbones.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.backbones.probe.D0Probe;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The REAL registered ResNet-18 and MobileNetV2 built with a dynamic-kernel baseline method ({@link
 * BackboneArgs#withMethod}) at 224×224, graph only (batch 1, never run): their parameter counts
 * must equal the exact recounts (the ODConv-table values), as the test-only reference backbones do.
 * Each graph builds in about a second, so every case runs by default.
 */
class ResNetMethodsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("resnet18", "condconv", 81_346_120L),
        Arguments.of("resnet18", "dyconv", 45_471_092L),
        Arguments.of("resnet18", "odconv1x", 11_943_944L),
        Arguments.of("resnet18", "odconv4x", 44_901_640L),
        Arguments.of("resnet18", "dcd", 14_703_332L),
        Arguments.of("mobilenetv2-1.0", "odconv1x", 4_940_185L),
        Arguments.of("mobilenetv2-1.0", "odconv4x", 11_512_149L));
  }

  static long params(String backbone, BackboneArgs args) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, new ParameterStore(), 0);
      ImageClassifier model = Backbones.create(backbone, args);
      var logits =
          model.logits(
              ctx, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 224, 224, 3))));
      assertThat(logits.shape().asArray()).containsExactly(1, 1000);
      return ctx.store().trainableCount();
    }
  }

  @ParameterizedTest(name = "{0} {1} = {2} params")
  @MethodSource("cases")
  void baselineParamsMatchTheRecounts(String backbone, String method, long expected) {
    BackboneArgs args =
        BackboneArgs.of(StaticMethod.INSTANCE, InputSpec.imagenet(), 1000)
            .withMethod(DynamicKernelMethods.get(method));
    assertThat(Backbones.create(backbone, args).name()).isEqualTo(backbone + "/" + method);
    assertThat(params(backbone, args)).isEqualTo(expected);
  }

  @Test
  void methodArgumentsAreChecked() {
    BackboneArgs base = BackboneArgs.of(StaticMethod.INSTANCE, InputSpec.imagenet(), 1000);
    assertThat(base.withMethod(DynamicKernelMethods.get("odconv4x")).label()).isEqualTo("odconv4x");
    assertThatThrownBy(() -> DynamicKernelMethods.get("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odconv4x");
    // Static kernels are one method, not also a KR configuration.
    assertThatThrownBy(() -> new KrMethod(KrConfig.off()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("static");
    // ViT takes static/odconv1x/odconv4x/KR (Table 1's ODConv baseline); other methods are
    // rejected when the model is built, naming both.
    assertThatThrownBy(
            () -> Backbones.create("vit-nano", base.withMethod(DynamicKernelMethods.get("dyconv"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dyconv")
        .hasMessageContaining("vit-nano");
    assertThat(Backbones.factory("vit-nano").supports(DynamicKernelMethods.get("odconv4x")))
        .isTrue();
    assertThat(Backbones.factory("poolformer-s12").supports(DynamicKernelMethods.get("odconv4x")))
        .isFalse();
    assertThat(Backbones.factory("cnn-small").supports(DynamicKernelMethods.get("condconv")))
        .isFalse();
    for (String backbone : Backbones.list()) {
      assertThat(Backbones.factory(backbone).supports(StaticMethod.INSTANCE)).isTrue();
      assertThat(Backbones.factory(backbone).supports(new KrMethod(KrConfig.kr4x())))
          .as("%s supports KR", backbone)
          .isEqualTo(!backbone.equals(D0Probe.NAME));
    }
    for (String backbone : List.of("resnet18", "mobilenetv2-1.0")) {
      for (String method : DynamicKernelMethods.list()) {
        assertThat(Backbones.factory(backbone).supports(DynamicKernelMethods.get(method)))
            .as("%s %s", backbone, method)
            .isTrue();
      }
    }
  }
}
