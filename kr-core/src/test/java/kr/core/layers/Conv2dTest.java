package kr.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.testing.GradientCheck;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class Conv2dTest {

  @Test
  void onesKernelSumsTheZeroPaddedWindow() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
      Operand<TFloat64> y =
          new Conv2d("c", ConvGeometry.of(1, 1, 3, 1))
              .withKernelInit(Init.ones())
              .apply(ctx, g.input64(x, 1, 3, 3, 1));
      assertThat(g.eval(y)).containsExactly(12, 21, 16, 27, 45, 33, 24, 39, 28);
      assertThat(ctx.ledger().totalMacs()).isEqualTo(9L * 9);
    }
  }

  @Test
  void strideTwoWithExplicitPaddingMatchesPyTorchSizes() {
    ConvGeometry g = ConvGeometry.of(3, 64, 7, 2);
    assertThat(g.outSize(224)).isEqualTo(112);
    assertThat(g.macs(224, 224)).isEqualTo(112L * 112 * 49 * 3 * 64);
    assertThat(ConvGeometry.depthwise(32, 3, 2).macs(112, 112)).isEqualTo(56L * 56 * 9 * 32);
    assertThat(new ConvGeometry(8, 16, 3, 1, Padding.of(1), 4).macs(10, 10))
        .isEqualTo(100L * 9 * 2 * 16);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void gradientMatchesFiniteDifferences(int groups) {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      double[] xv = TestGraph.random(new Random(groups), 2 * 5 * 5 * 4);
      Operand<TFloat64> x = g.input64(xv, 2, 5, 5, 4);
      ConvGeometry geo = new ConvGeometry(4, 4, 3, 2, Padding.of(1), groups);
      Operand<TFloat64> y = new Conv2d("c", geo).withBias().apply(ctx, x);
      assertThat(y.shape().asArray()).containsExactly(2, 3, 3, 4);
      assertThat(
              new GradientCheck(g).maxEntriesPerTensor(8).check(ctx, y, List.of(x), Map.of(x, xv)))
          .isLessThan(1e-5);
    }
  }

  @Test
  void badGeometryNamesTheArgument() {
    assertThatThrownBy(() -> new ConvGeometry(3, 8, 3, 1, Padding.SAME, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in channels")
        .hasMessageContaining("3");
    assertThatThrownBy(() -> ConvGeometry.of(3, -8, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out channels")
        .hasMessageContaining("-8");
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> x = g.input64(new double[2 * 4 * 4 * 5], 2, 4, 4, 5);
      assertThatThrownBy(() -> new Conv2d("c", ConvGeometry.of(3, 8, 3, 1)).apply(ctx, x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("c input channels")
          .hasMessageContaining("5");
    }
  }

  @Test
  void poolingShapes() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> x = g.input64(new double[] {1, 2, 3, 4}, 1, 2, 2, 1);
      assertThat(g.eval(Pooling.max("p", 3, 2, Padding.of(1)).apply(ctx, x))).containsExactly(4);
      assertThat(g.eval(Pooling.globalAverage(ctx, x)))
          .containsExactly(new double[] {2.5}, within(1e-12));
    }
  }
}
