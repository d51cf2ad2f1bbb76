package kr.backbones.vit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import kr.backbones.api.BackboneArgs;
import kr.backbones.methods.DynamicKernelMethods;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.types.TFloat32;

/**
 * ViT + ODConv (Table 1's baseline): fc1/fc2 of every block as 1×1 ODConv ({@code odconv4x}, the
 * default reading), or all four linears ({@code odconv4x-all}).
 */
class VitOdConvTest {
  private static final InputSpec CIFAR = InputSpec.cifar();
  private static final InputSpec IMAGENET = InputSpec.imagenet();

  private static Vit vit(String name, String method, InputSpec input, int classes) {
    return Vit.create(name, BackboneArgs.of(DynamicKernelMethods.get(method), input, classes));
  }

  private static List<String> paths(Vit m) {
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx = ModelHarness.context(g, Mode.INFERENCE);
      m.logits(ctx, ModelHarness.images(ctx.tf(), m.input(), -1));
      return ctx.store().all().stream().map(Parameter::path).toList();
    }
  }

  @Test
  void odconv4xBuildsTrainsAndHasNoKrParameters() {
    Vit m = vit("vit-nano", "odconv4x", CIFAR, 10);
    assertThat(m.name()).isEqualTo("vit-nano/odconv4x");
    ModelHarness.assertFiniteLogits(m);
    ModelHarness.assertOneStepReachesEveryParameter(m);

    List<String> p = paths(m);
    assertThat(p).noneMatch(x -> x.contains("d0/") || x.contains("/kr/"));
    assertThat(p)
        .anyMatch(x -> x.contains("mlp/fc1/attention/kernel"))
        .anyMatch(x -> x.contains("mlp/fc2/kernels"))
        .noneMatch(x -> x.contains("attn/qkv/attention") || x.contains("attn/proj/attention"));
  }

  @Test
  void odconv1xAndStaticBuildAndOtherMethodsAreRejected() {
    assertThat(ModelHarness.forward(vit("test-vit", "odconv1x", CIFAR, 10), 2).shape())
        .containsExactly(2, 10);
    assertThat(paths(vit("test-vit", "odconv1x", CIFAR, 10)))
        .noneMatch(x -> x.contains("attention/kernel/"));
    assertThatThrownBy(() -> vit("vit-nano", "condconv", CIFAR, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("condconv");
  }

  @Test
  void theAllLinearsReadingMakesQkvAndProjDynamicToo() {
    Vit m = vit("test-vit", "odconv4x-all", CIFAR, 10);
    assertThat(m.name()).isEqualTo("test-vit/odconv4x-all");
    assertThat(paths(m))
        .anyMatch(x -> x.contains("attn/qkv/attention/kernel"))
        .anyMatch(x -> x.contains("attn/proj/kernels"))
        .anyMatch(x -> x.contains("mlp/fc2/kernels"));
    ModelHarness.assertOneStepReachesEveryParameter(m);
  }

  static Stream<Arguments> paperCells() {
    return Stream.of(
        Arguments.of("vit-nano", 0.62e9),
        Arguments.of("vit-tiny", 1.28e9),
        Arguments.of("vit-small", 4.70e9));
  }

  /**
   * Table 1 "ViT +ODConv (4x)", ImageNet 224, 1000 classes: both readings fit 3%, fc1/fc2 closer
   * (Vit's Javadoc).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("paperCells")
  void table1OdConv4xCellsWithin3Percent(String name, double paper) {
    long all = ModelHarness.macs(vit(name, "odconv4x-all", IMAGENET, 1000));
    assertThat((double) all).isCloseTo(paper, within(0.03 * paper));
    long macs = ModelHarness.macs(vit(name, "odconv4x", IMAGENET, 1000));
    assertThat(Math.abs(macs - paper)).isLessThan(Math.abs(all - paper));
    ModelHarness.assertWithin3PercentOfPaper(name + " +ODConv(4x)", macs, paper);
  }
}
