package kr.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

class DropoutTest {

  @Test
  void maskIsAFunctionOfTheStepAndKeepsTheExpectation() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Placeholder<TInt64> step = g.tf.placeholder(TInt64.class);
      ctx.setRandomStep(step);
      double[] ones = new double[4000];
      Arrays.fill(ones, 1);
      Operand<TFloat64> y = new Dropout("drop", 0.25).apply(ctx, g.input64(ones, 4000));
      double[] a = run(g, y, step, 7);
      double[] b = run(g, y, step, 7);
      double[] c = run(g, y, step, 8);
      assertThat(a).containsExactly(b, within(0.0));
      assertThat(a).isNotEqualTo(c);
      assertThat(Arrays.stream(a).filter(v -> v == 0).count() / 4000.0)
          .isCloseTo(0.25, within(0.03));
      assertThat(Arrays.stream(a).filter(v -> v != 0).allMatch(v -> Math.abs(v - 4.0 / 3) < 1e-12))
          .isTrue();
    }
  }

  @Test
  void inferenceIsTheIdentity() {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.INFERENCE);
      Operand<TFloat64> x = g.input64(new double[] {1, 2, 3}, 3);
      assertThat(new Dropout("drop", 0.5).apply(ctx, x)).isSameAs(x);
    }
  }

  private static double[] run(
      TestGraph g, Operand<TFloat64> y, Placeholder<TInt64> step, long value) {
    try (TInt64 t = TInt64.scalarOf(value)) {
      return g.run(Map.of(step, t), y).get(0);
    }
  }
}
