package kr.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.cnn.SmallCnn;
import kr.backbones.contract.BackboneContract;
import kr.backbones.methods.StaticMethod;
import kr.backbones.mobilenet.MobileNetV2;
import kr.backbones.resnet.ResNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract ({@link BackboneContract}) over {@link Backbones#list()} × {static, KR 1×, KR 4×}.
 *
 * <p><b>Cost.</b> With kr-core's current {@code BuildContext} every sub-scope makes TF Java scan
 * the whole graph, so building is quadratic in the graph size (a KR ResNet-50 or MobileNetV2 graph
 * takes 40–100 s to build on 2 cores). By default the KR variants and the training step therefore
 * run for the CI-sized backbones only ({@link #fast}: {@code test-*}, {@code cnn-*}, {@code
 * resnet18}, {@code resnet18-cifar}; the other small-input variants, which differ from their
 * ImageNet variant only in the stem and strides, are built by {@link SmallInputVariantsTest});
 * {@code -Dkr.test.heavy=true} runs every backbone × variant, and {@code -Dkr.test.only=GLOB} (e.g.
 * {@code mobilenetv2*}) restricts the backbones.
 */
class BackboneContractTest {
  static final boolean HEAVY = Boolean.getBoolean("kr.test.heavy");

  /** Backbones whose KR builds and training step are cheap enough for every run. */
  static boolean fast(String name) {
    return name.startsWith("test-")
        || name.startsWith("cnn-")
        || name.equals("resnet18")
        || name.equals("resnet18-cifar");
  }

  static Stream<Arguments> cases() {
    return TestMethods.timesKr(Backbones.list(System.getProperty("kr.test.only", "*")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void buildsRunsAndTrains(String name, String kr) {
    DynamicKernelMethod method = TestMethods.of(kr);
    assumeTrue(
        HEAVY || method == StaticMethod.INSTANCE || fast(name),
        "KR variants of large backbones run with -Dkr.test.heavy=true");
    assumeTrue(
        HEAVY || fast(name) || !SmallInputVariantsTest.VARIANTS.contains(name),
        "small-input variants other than resnet18-cifar run with -Dkr.test.heavy=true");
    assumeTrue(
        Backbones.factory(name).supports(method), name + " is built with static kernels only");
    BackboneContract.check(name, method, HEAVY || fast(name));
  }

  @Test
  void serviceLoaderFindsEveryBuiltInName() {
    List<String> builtIn = new ArrayList<>();
    builtIn.addAll(ResNet.VARIANTS.keySet());
    builtIn.addAll(MobileNetV2.VARIANTS.keySet());
    builtIn.addAll(SmallCnn.VARIANTS.keySet());
    assertThat(Backbones.list()).containsAll(builtIn);
    assertThat(builtIn)
        .contains(
            "resnet18",
            "resnet18-slim",
            "resnet50",
            "resnet50-v1.5",
            "mobilenetv2-1.0",
            "mobilenetv2-0.75",
            "mobilenetv2-0.5",
            "cnn-small",
            "test-cnn");
    assertThat(Backbones.list("resnet*"))
        .containsExactly(
            "resnet18",
            "resnet18-cifar",
            "resnet18-slim",
            "resnet18-slim-cifar",
            "resnet50",
            "resnet50-cifar",
            "resnet50-v1.5",
            "resnet50-v1.5-cifar");
    for (String n : builtIn) {
      assertThat(Backbones.factory(n).description()).isNotBlank();
    }
  }

  @Test
  void unknownNameListsKnownOnes() {
    assertThatThrownBy(() -> Backbones.create("resnet19", StaticMethod.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet19")
        .hasMessageContaining("resnet18")
        .hasMessageContaining("mobilenetv2-1.0")
        .hasMessageContaining("test-cnn");
  }
}
