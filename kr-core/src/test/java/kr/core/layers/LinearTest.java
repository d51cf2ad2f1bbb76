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
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class LinearTest {

  @Test
  void onesKernelSumsInputsPlusZeroBias() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Linear fc = new Linear("fc", 2).withKernelInit(Init.ones());
      Operand<TFloat64> y = fc.apply(ctx, g.input64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
      assertThat(g.eval(y)).containsExactly(6, 6, 15, 15);
      assertThat(ctx.store().describe()).contains("fc/kernel [3, 2]").contains("fc/bias [2]");
      assertThat(ctx.store().trainableCount()).isEqualTo(8);
      assertThat(ctx.ledger().totalMacs()).isEqualTo(6);
    }
  }

  @Test
  void tokenInputsAreMappedPerToken() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Linear fc = new Linear("fc", 4).withKernelInit(Init.ones()).withoutBias();
      Operand<TFloat64> y = fc.apply(ctx, g.input64(new double[2 * 5 * 3], 2, 5, 3));
      assertThat(y.shape().asArray()).containsExactly(2, 5, 4);
      assertThat(ctx.ledger().totalMacs()).isEqualTo(5L * 3 * 4);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      double[] xv = TestGraph.random(new Random(1), 2 * 3 * 4);
      Operand<TFloat64> x = g.input64(xv, 2, 3, 4);
      Operand<TFloat64> y = new Linear("fc", 5).apply(ctx, x);
      double worst = new GradientCheck(g).check(ctx, y, List.of(x), Map.of(x, xv));
      assertThat(worst).isLessThan(1e-5);
    }
  }

  @Test
  void sameSeedGivesSameParameters() {
    double[] a = freshLinearOnUnitRows();
    double[] b = freshLinearOnUnitRows();
    assertThat(a).containsExactly(b, within(0.0));
    assertThat(a[0]).isNotEqualTo(a[1]);
  }

  @Test
  void badArgumentsNameTheArgument() {
    assertThatThrownBy(() -> new Linear("fc", -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outFeatures")
        .hasMessageContaining("-3");
  }

  /** A fresh Linear(3) in a new graph applied to the rows e1 and e2 of a 2×3 input. */
  private static double[] freshLinearOnUnitRows() {
    try (TestGraph g = new TestGraph()) {
      return g.eval(
          new Linear("fc", 3)
              .apply(g.context64(Mode.TRAINING), g.input64(new double[] {1, 0, 0, 0, 1, 0}, 2, 3)));
    }
  }
}
