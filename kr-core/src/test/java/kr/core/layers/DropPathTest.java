package kr.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

class DropPathTest {
  private static final int BATCH = 4000;
  private static final int WIDTH = 6;

  @Test
  void dropsWholeSamplesFromTheStepAndKeepsTheExpectation() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Placeholder<TInt64> step = g.tf.placeholder(TInt64.class);
      ctx.setRandomStep(step);
      double[] x = new double[BATCH * WIDTH];
      for (int i = 0; i < x.length; i++) {
        x[i] = 1 + (i % WIDTH); // each sample [1, 2, ..., 6] as [2, 3] tokens
      }
      Operand<TFloat64> y = new DropPath("drop_path", 0.2).apply(ctx, g.input64(x, BATCH, 2, 3));
      double[] a = run(g, y, step, 11);
      double[] b = run(g, y, step, 11);
      double[] c = run(g, y, step, 12);
      assertThat(a).containsExactly(b, within(0.0));
      assertThat(a).isNotEqualTo(c);
      int dropped = 0;
      double sum = 0;
      for (int s = 0; s < BATCH; s++) {
        double factor = a[s * WIDTH] / x[s * WIDTH];
        assertThat(factor)
            .as("sample %d", s)
            .satisfiesAnyOf(
                f -> assertThat(f).isEqualTo(0.0),
                f -> assertThat(f).isCloseTo(1.25, within(1e-12)));
        for (int j = 0; j < WIDTH; j++) {
          assertThat(a[s * WIDTH + j]).isCloseTo(factor * x[s * WIDTH + j], within(1e-12));
        }
        dropped += factor == 0 ? 1 : 0;
        sum += factor;
      }
      // Binomial(4000, 0.2): sd of the fraction is 0.0063, of the mean factor 0.0079.
      assertThat(dropped / (double) BATCH).isCloseTo(0.2, within(0.03));
      assertThat(sum / BATCH).isCloseTo(1.0, within(0.04));
    }
  }

  @Test
  void inferenceAndRateZeroAreTheIdentity() {
    try (TestGraph g = new TestGraph()) {
      Operand<TFloat64> x = g.input64(new double[] {1, 2, 3, 4}, 2, 2);
      assertThat(new DropPath("dp", 0.5).apply(g.context64(Mode.INFERENCE), x)).isSameAs(x);
      assertThat(new DropPath("dp", 0).apply(g.context64(Mode.TRAINING), x)).isSameAs(x);
    }
  }

  @Test
  void linearRateFollowsTimmsLinspace() {
    assertThat(DropPath.linearRate(0.1, 12, 0)).isEqualTo(0.0);
    assertThat(DropPath.linearRate(0.1, 12, 11)).isCloseTo(0.1, within(1e-15));
    assertThat(DropPath.linearRate(0.1, 11, 5)).isCloseTo(0.05, within(1e-15));
    assertThat(DropPath.linearRate(0.3, 1, 0)).isEqualTo(0.0);
    assertThatThrownBy(() -> DropPath.linearRate(0.1, 4, 4)).hasMessageContaining("block");
    assertThatThrownBy(() -> new DropPath("dp", 1.0)).hasMessageContaining("drop path rate");
  }

  private static double[] run(
      TestGraph g, Operand<TFloat64> y, Placeholder<TInt64> step, long value) {
    try (TInt64 t = TInt64.scalarOf(value)) {
      return g.run(Map.of(step, t), y).get(0);
    }
  }
}
