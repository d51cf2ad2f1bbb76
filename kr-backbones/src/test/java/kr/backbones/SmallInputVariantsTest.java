package kr.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import kr.backbones.mobilenet.MobileNetV2;
import kr.backbones.poolformer.PoolFormer;
import kr.backbones.resnet.ResNet;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The small-input ({@code -cifar}) variants of the CNN families: each builds at Fashion-MNIST's
 * 28×28×1 and at its default CIFAR 32×32×3 with static kernels and KR 4× and gives logits [B, 10],
 * and their static FLOPs at 32×32×3 are pinned and checked for sanity. Graphs are built, never run
 * (about 1 s each); {@link BackboneContractTest} runs {@code resnet18-cifar}'s training step.
 */
class SmallInputVariantsTest {

  static final List<String> VARIANTS =
      List.of(
          "resnet18-cifar",
          "resnet18-slim-cifar",
          "resnet50-cifar",
          "resnet50-v1.5-cifar",
          "mobilenetv2-1.0-cifar",
          "mobilenetv2-0.75-cifar",
          "mobilenetv2-0.5-cifar",
          "poolformer-s12-cifar");

  static Stream<Arguments> cases() {
    return VARIANTS.stream()
        .flatMap(n -> Stream.of("off", "4x").map(kr -> Arguments.of(n, kr)))
        .flatMap(
            a ->
                Stream.of(InputSpec.fashionMnist(), InputSpec.cifar())
                    .map(in -> Arguments.of(a.get()[0], a.get()[1], in)));
  }

  /** Logits and MACs per image of {@code name} built at {@code in}. */
  record Built(long[] logits, long macs) {}

  static Built build(String name, String kr, InputSpec in) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, new ParameterStore(), 0);
      ImageClassifier model = Backbones.create(name, TestMethods.of(kr), in, 10);
      Operand<TFloat32> logits =
          model.logits(
              ctx, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(in.batchDims(2)))));
      return new Built(logits.shape().asArray(), ctx.ledger().totalMacs());
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void buildsAtSmallInputs(String name, String kr, InputSpec in) {
    assertThat(build(name, kr, in).logits()).containsExactly(2, 10);
  }

  /**
   * Exact static MACs at 32×32×3 (10 classes), and the sanity check: about a third of the ImageNet
   * model at 224 (the stage maps shrink from 56 to 32 pixels per side, (32/56)² = 0.33; the
   * 112-pixel first stages of MobileNetV2 shrink more), and the quoted figures of the common ports
   * where there are some (ResNet-18 0.56G, ResNet-50 v1.5 1.30G).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // name,                exact MACs,  ImageNet variant, quoted figure (0: none)
    "resnet18-cifar,         555422720,  resnet18,         0.56e9",
    "resnet18-slim-cifar,    402590208,  resnet18-slim,    0",
    "resnet50-cifar,         1222332416, resnet50,         0",
    "resnet50-v1.5-cifar,    1297829888, resnet50-v1.5,    1.30e9",
    "mobilenetv2-1.0-cifar,  87976448,   mobilenetv2-1.0,  0",
    "mobilenetv2-0.75-cifar, 59310080,   mobilenetv2-0.75, 0",
    "mobilenetv2-0.5-cifar,  27969024,   mobilenetv2-0.5,  0",
    "poolformer-s12-cifar,   583734272,  poolformer-s12,   0"
  })
  void staticFlopsAt32(String name, long exact, String imagenet, double quoted) {
    assertThat(Backbones.factory(name).defaultInput()).isEqualTo(InputSpec.cifar());
    long macs = build(name, "off", InputSpec.cifar()).macs();
    assertThat(macs).isEqualTo(exact);
    long full = build(imagenet, "off", InputSpec.imagenet()).macs();
    assertThat((double) macs / full).as("%s / %s", name, imagenet).isBetween(0.25, 0.35);
    if (quoted > 0) {
      assertThat((double) macs).isCloseTo(quoted, within(0.02 * quoted));
    }
  }

  @Test
  void tablesHoldTheVariants() {
    assertThat(ResNet.VARIANTS).containsKeys("resnet18-cifar", "resnet50-cifar");
    assertThat(MobileNetV2.VARIANTS).containsKey("mobilenetv2-0.5-cifar");
    assertThat(PoolFormer.VARIANTS).containsKey("poolformer-s12-cifar");
  }
}
