package kr.backbones.vit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kr.backbones.Backbones;
import kr.backbones.TestMethods;
import kr.backbones.api.BackboneArgs;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
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

class VitTest {
  private static final InputSpec CIFAR = InputSpec.cifar();
  private static final InputSpec IMAGENET = InputSpec.imagenet();

  static Stream<Arguments> variantsTimesKr() {
    // The -cifar names build the same graphs as the auto-patch names at 32×32.
    return TestMethods.timesKr(List.of("vit-nano", "vit-tiny", "vit-small", "test-vit"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variantsTimesKr")
  void logitsHaveShapeBatchByClassesAndAreFinite(String name, String kr) {
    ModelHarness.assertFiniteLogits(
        Vit.create(name, BackboneArgs.of(TestMethods.of(kr), CIFAR, 10)));
  }

  /**
   * Stochastic depth: linearly growing rates per block, mask ops only in training builds with a
   * positive rate; the CNNs refuse a positive rate.
   */
  @Test
  void dropPathDropsResidualBranchesOfViTAndPoolFormerOnly() {
    // test-vit: rates 0 and 0.1 for its 2 blocks, each with 2 branches.
    assertThat(dropPathOps("test-vit", 0.1, Mode.TRAINING)).isEqualTo(2);
    assertThat(dropPathOps("test-vit", 0.1, Mode.INFERENCE)).isZero();
    assertThat(dropPathOps("test-poolformer", 0.1, Mode.TRAINING)).isEqualTo(2);
    assertThat(Backbones.factory("vit-nano").supportsDropPath()).isTrue();
    assertThat(Backbones.factory("resnet18").supportsDropPath()).isFalse();
    assertThatThrownBy(
            () ->
                Backbones.create(
                    "test-cnn",
                    BackboneArgs.of(StaticMethod.INSTANCE, CIFAR, 10).withDropPath(0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test-cnn")
        .hasMessageContaining("stochastic depth");
  }

  /**
   * The residual branches whose drop-path mask is drawn in a build of {@code name}: its uniform
   * random ops beyond those of the same build without drop path.
   */
  private static long dropPathOps(String name, double rate, Mode mode) {
    return uniformOps(name, rate, mode) - uniformOps(name, 0, mode);
  }

  private static long uniformOps(String name, double rate, Mode mode) {
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx = ModelHarness.context(g, mode);
      Backbones.create(name, BackboneArgs.of(StaticMethod.INSTANCE, CIFAR, 10).withDropPath(rate))
          .logits(ctx, ModelHarness.images(ctx.tf(), CIFAR, 2));
      List<String> types = new ArrayList<>();
      g.operations().forEachRemaining(op -> types.add(op.type()));
      return types.stream().filter(t -> t.contains("RandomUniform")).count();
    }
  }

  @Test
  void registeredThroughTheServiceLoader() {
    assertThat(Backbones.list("vit-*"))
        .contains("vit-nano", "vit-tiny", "vit-small", "vit-nano-cifar", "vit-tiny-cifar");
    assertThat(Backbones.list()).contains("test-vit");
    assertThat(Backbones.factory("vit-tiny").defaultInput()).isEqualTo(IMAGENET);
    assertThat(Backbones.factory("vit-nano-cifar").defaultInput()).isEqualTo(CIFAR);
    assertThat(Backbones.create("vit-nano", new KrMethod(KrConfig.kr4x())).name())
        .isEqualTo("vit-nano/kr4x");
  }

  @Test
  void patchSizeFollowsTheInput() {
    Vit cifar = Vit.create("vit-nano", BackboneArgs.of(StaticMethod.INSTANCE, CIFAR, 10));
    Vit imagenet = Vit.create("vit-nano", BackboneArgs.of(StaticMethod.INSTANCE, IMAGENET, 1000));
    assertThat(cifar.args().patch()).isEqualTo(4);
    assertThat(cifar.tokens()).isEqualTo(65);
    assertThat(imagenet.args().patch()).isEqualTo(16);
    assertThat(imagenet.tokens()).isEqualTo(197);
    assertThat(
            Vit.create(
                    "vit-nano-cifar",
                    BackboneArgs.of(StaticMethod.INSTANCE, InputSpec.square(64, 3), 10))
                .args()
                .patch())
        .isEqualTo(4);
  }

  @Test
  void argumentsAreValidated() {
    assertThatThrownBy(() -> new VitArgs(16, 128, 12, 3)).hasMessageContaining("heads=3");
    assertThatThrownBy(() -> new VitArgs(-1, 128, 12, 2)).hasMessageContaining("patch");
    assertThatThrownBy(
            () ->
                Vit.create(
                    "vit-nano-cifar",
                    BackboneArgs.of(StaticMethod.INSTANCE, InputSpec.square(30, 3), 10)))
        .hasMessageContaining("4×4 patches");
    assertThatThrownBy(
            () -> Vit.create("vit-huge", BackboneArgs.of(StaticMethod.INSTANCE, CIFAR, 10)))
        .hasMessageContaining("vit-nano");
  }

  @Test
  void kernelRepresentationGrows32PerResidualBlock() {
    assertThat(headDim(KrConfig.kr4x())).isEqualTo(64 + 24 * 32);
    assertThat(headDim(KrConfig.kr1x())).isEqualTo(64 + 24 * 32);
    assertThat(headDim(KrConfig.kr4x().withStep(16))).isEqualTo(64 + 24 * 16);
    assertThat(headDim(KrConfig.off())).isZero();
    assertThat(headDim(KrConfig.dynamicOnly(4))).isZero();
  }

  private static int headDim(KrConfig kr) {
    Vit m = Vit.create("vit-nano", BackboneArgs.of(TestMethods.of(kr), CIFAR, 10));
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx = ModelHarness.context(g, Mode.INFERENCE);
      KrState<TFloat32> s = m.tokens(ctx, ModelHarness.images(ctx.tf(), CIFAR, 2));
      assertThat(s.x().shape().get(1)).isEqualTo(65);
      assertThat(s.x().shape().get(2)).isEqualTo(128);
      return s.d().dim();
    }
  }

  @Test
  void staticVitTinyAt224CountsExactlyTheHandCount() {
    long perLayer = 197L * (192 * 576 + 192 * 192 + 2 * 192 * 768) + 2L * 197 * 197 * 192;
    long expected = 196L * 768 * 192 + 12 * perLayer + 192L * 1000;
    Vit m = Vit.create("vit-tiny", BackboneArgs.of(StaticMethod.INSTANCE, IMAGENET, 1000));
    assertThat(ModelHarness.macs(m)).isEqualTo(expected);
  }

  @Test
  void attentionProductsAreInTheLedger() {
    Vit m = Vit.create("vit-nano", BackboneArgs.of(new KrMethod(KrConfig.kr4x()), CIFAR, 10));
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx = ModelHarness.context(g, Mode.INFERENCE);
      m.logits(ctx, ModelHarness.images(ctx.tf(), CIFAR, -1));
      long attention =
          ctx.ledger().entries().stream()
              .filter(e -> e.kind().equals("attention"))
              .mapToLong(e -> e.macs())
              .sum();
      assertThat(attention).isEqualTo(12L * 2 * 65 * 65 * 128);
      // qkv, proj, fc1, fc2 of every layer are dynamic: 48 kernel aggregations of n·|W|.
      long aggregation =
          ctx.ledger().entries().stream()
              .filter(e -> e.kind().equals("kernel-aggregation"))
              .mapToLong(e -> e.macs())
              .sum();
      assertThat(aggregation).isEqualTo(4L * 12 * (128 * 384 + 128 * 128 + 2 * 128 * 512));
    }
  }

  /**
   * Every ViT FLOPs cell of the paper (Tables 1, 2, 7) against our ledger; all are within 3%. T7
   * "dimensions of KR 64 → 32 / 128" is read as the growth per transformer layer (2 × step): step
   * 16 / 64 moves our count by −1.6M / +4.2M against the paper's −3M / +6M, while d_0 of 32 / 128
   * would move it by only −0.2M / +0.5M.
   */
  static Stream<Arguments> paperCells() {
    KrConfig kr4 = KrConfig.kr4x();
    return Stream.of(
        // Table 1: ImageNet 224, 1000 classes.
        Arguments.of("T1 ViT-Nano", "vit-nano", KrConfig.off(), IMAGENET, 1000, 0.61e9),
        Arguments.of("T1 ViT-Nano KR1x", "vit-nano", KrConfig.kr1x(), IMAGENET, 1000, 0.61e9),
        Arguments.of("T1 ViT-Nano KR4x", "vit-nano", kr4, IMAGENET, 1000, 0.62e9),
        Arguments.of("T1 ViT-Tiny", "vit-tiny", KrConfig.off(), IMAGENET, 1000, 1.26e9),
        Arguments.of("T1 ViT-Tiny KR1x", "vit-tiny", KrConfig.kr1x(), IMAGENET, 1000, 1.27e9),
        Arguments.of("T1 ViT-Tiny KR4x", "vit-tiny", kr4, IMAGENET, 1000, 1.29e9),
        Arguments.of("T1 ViT-Small", "vit-small", KrConfig.off(), IMAGENET, 1000, 4.61e9),
        Arguments.of("T1 ViT-Small KR1x", "vit-small", KrConfig.kr1x(), IMAGENET, 1000, 4.64e9),
        Arguments.of("T1 ViT-Small KR4x", "vit-small", kr4, IMAGENET, 1000, 4.71e9),
        // Table 2: CIFAR 32×32, 4×4 patches, 10 classes.
        Arguments.of("T2 ViT-Nano", "vit-nano", KrConfig.off(), CIFAR, 10, 168e6),
        Arguments.of("T2 ViT-Nano KR1x", "vit-nano", KrConfig.kr1x(), CIFAR, 10, 176e6),
        Arguments.of("T2 ViT-Nano KR4x", "vit-nano", kr4, CIFAR, 10, 182e6),
        Arguments.of("T2 ViT-Tiny", "vit-tiny", KrConfig.off(), CIFAR, 10, 367e6),
        Arguments.of("T2 ViT-Tiny KR1x", "vit-tiny", KrConfig.kr1x(), CIFAR, 10, 383e6),
        Arguments.of("T2 ViT-Tiny KR4x", "vit-tiny", kr4, CIFAR, 10, 396e6),
        // Table 7: ViT-Nano KR4x on ImageNet, one hyper-parameter changed.
        Arguments.of("T7 default", "vit-nano", kr4, IMAGENET, 1000, 622e6),
        Arguments.of("T7 multiplier 1", "vit-nano", kr4.withMultiplier(1), IMAGENET, 1000, 612e6),
        Arguments.of("T7 multiplier 2", "vit-nano", kr4.withMultiplier(2), IMAGENET, 1000, 615e6),
        Arguments.of("T7 multiplier 8", "vit-nano", kr4.withMultiplier(8), IMAGENET, 1000, 635e6),
        Arguments.of("T7 reduction 4", "vit-nano", kr4.withReduction(4), IMAGENET, 1000, 627e6),
        Arguments.of("T7 reduction 16", "vit-nano", kr4.withReduction(16), IMAGENET, 1000, 619e6),
        Arguments.of("T7 KR dim 32", "vit-nano", kr4.withStep(16), IMAGENET, 1000, 619e6),
        Arguments.of("T7 KR dim 128", "vit-nano", kr4.withStep(64), IMAGENET, 1000, 628e6));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paperCells")
  void paperFlopsCellsWithin3Percent(
      String cell, String name, KrConfig kr, InputSpec input, int classes, double paper) {
    ModelHarness.assertWithin3PercentOfPaper(
        cell,
        ModelHarness.macs(Vit.create(name, BackboneArgs.of(TestMethods.of(kr), input, classes))),
        paper);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kr.backbones.TestMethods#trainingLabels")
  void oneGradientStepGivesFiniteLossesAndReachesEveryParameter(String kr) {
    ModelHarness.assertOneStepReachesEveryParameter(
        Vit.create("vit-nano", BackboneArgs.of(TestMethods.of(kr), CIFAR, 10)));
  }
}
