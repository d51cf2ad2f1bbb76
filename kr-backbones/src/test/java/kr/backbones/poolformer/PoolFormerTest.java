package kr.backbones.poolformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import kr.backbones.Backbones;
import kr.backbones.TestMethods;
import kr.backbones.api.BackboneArgs;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.backbones.vit.ModelHarness;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.kr.KrConfig;
import kr.core.kr.KrState;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.types.TFloat32;

class PoolFormerTest {
  private static final InputSpec CIFAR = InputSpec.cifar();
  private static final InputSpec IMAGENET = InputSpec.imagenet();

  static Stream<Arguments> variantsTimesKr() {
    // The -cifar variant differs only in its stem: SmallInputVariantsTest builds it.
    return TestMethods.timesKr(
        PoolFormer.VARIANTS.keySet().stream().filter(n -> !n.endsWith("-cifar")).toList());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variantsTimesKr")
  void logitsHaveShapeBatchByClassesAndAreFinite(String name, String kr) {
    ModelHarness.assertFiniteLogits(
        PoolFormer.create(name, BackboneArgs.of(TestMethods.of(kr), CIFAR, 10)));
  }

  @Test
  void registeredThroughTheServiceLoader() {
    assertThat(Backbones.list("poolformer-*")).contains("poolformer-s12");
    assertThat(Backbones.list()).contains("test-poolformer");
    assertThat(Backbones.create("poolformer-s12", new KrMethod(KrConfig.kr1x())).name())
        .isEqualTo("poolformer-s12/kr1x");
  }

  @Test
  void argumentsAreValidated() {
    assertThatThrownBy(() -> new PoolFormerArgs(List.of(2, 2), List.of(64)))
        .hasMessageContaining("widths");
    assertThatThrownBy(() -> new PoolFormerArgs(List.of(2), List.of(64), 4, 1e-5, 2))
        .hasMessageContaining("poolSize");
  }

  /** d grows by 32 per MLP block (12) and per downsampling patch embedding (3). */
  @Test
  void kernelRepresentationGrowsPerMlpAndDownsampling() {
    PoolFormer m =
        PoolFormer.create(
            "poolformer-s12", BackboneArgs.of(new KrMethod(KrConfig.kr4x()), CIFAR, 10));
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx = ModelHarness.context(g, Mode.INFERENCE);
      KrState<TFloat32> s = m.featureMap(ctx, ModelHarness.images(ctx.tf(), CIFAR, 2));
      assertThat(s.d().dim()).isEqualTo(64 + 15 * 32);
      assertThat(s.x().shape().get(3)).isEqualTo(512);
    }
  }

  /** Hand count of the reference architecture at 224 (conv/linear MACs only). */
  @Test
  void staticS12At224CountsExactlyTheHandCount() {
    long stem = 56L * 56 * 49 * 3 * 64;
    long mlps =
        2L * 3136 * 2 * 64 * 256
            + 2L * 784 * 2 * 128 * 512
            + 6L * 196 * 2 * 320 * 1280
            + 2L * 49 * 2 * 512 * 2048;
    long downs = 28L * 28 * 9 * 64 * 128 + 14L * 14 * 9 * 128 * 320 + 7L * 7 * 9 * 320 * 512;
    long head = 512L * 1000;
    PoolFormer m =
        PoolFormer.create("poolformer-s12", BackboneArgs.of(StaticMethod.INSTANCE, IMAGENET, 1000));
    assertThat(ModelHarness.macs(m)).isEqualTo(stem + mlps + downs + head);
  }

  /** Table 3, PoolFormer-S12 on ImageNet: 1.82G / 1.84G / 1.88G. */
  static Stream<Arguments> paperCells() {
    return Stream.of(
        Arguments.of("T3 PoolFormer-S12", KrConfig.off(), 1.82e9),
        Arguments.of("T3 PoolFormer-S12 KR1x", KrConfig.kr1x(), 1.84e9),
        Arguments.of("T3 PoolFormer-S12 KR4x", KrConfig.kr4x(), 1.88e9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paperCells")
  void paperFlopsCellsWithin3Percent(String cell, KrConfig kr, double paper) {
    ModelHarness.assertWithin3PercentOfPaper(
        cell,
        ModelHarness.macs(
            PoolFormer.create(
                "poolformer-s12", BackboneArgs.of(TestMethods.of(kr), IMAGENET, 1000))),
        paper);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kr.backbones.TestMethods#trainingLabels")
  void oneGradientStepGivesFiniteLossesAndReachesEveryParameter(String kr) {
    ModelHarness.assertOneStepReachesEveryParameter(
        PoolFormer.create("test-poolformer", BackboneArgs.of(TestMethods.of(kr), CIFAR, 10)));
  }
}
