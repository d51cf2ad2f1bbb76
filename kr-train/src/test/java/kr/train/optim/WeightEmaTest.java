package kr.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class WeightEmaTest {

  @Test
  void followsTheHandComputedSequenceAndSwaps() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      TwoWeights f = TwoWeights.create(g);
      Ops tf = f.tf();
      Variable<TFloat32> w = f.w();
      var wIn = tf.placeholder(TFloat32.class);
      Op setW = tf.assign(w, wIn);
      WeightEma ema =
          WeightEma.create(
              tf,
              List.of(f.parameter()),
              0.5,
              (name, shape) -> {
                assertThat(name).isEqualTo("ema/w");
                return f.zeros(shape);
              });
      Variable<TFloat32> e = ema.shadows().get("w");
      s.initialize();
      set(s, wIn, setW, 1f, -2f);
      s.runner().addTarget(ema.reset()).run().close();
      assertThat(TwoWeights.read(s, e)).containsExactly(1f, -2f);
      // decay 0.5: e ← 0.5·e + 0.5·w with w = [3, 2] then [3, 6]:
      // [1, −2] → [2, 0] → [2.5, 3].
      set(s, wIn, setW, 3f, 2f);
      s.runner().addTarget(ema.update()).run().close();
      assertThat(TwoWeights.read(s, e)).containsExactly(2f, 0f);
      set(s, wIn, setW, 3f, 6f);
      s.runner().addTarget(ema.update()).run().close();
      assertThat(TwoWeights.read(s, e)).containsExactly(2.5f, 3f);
      assertThat(TwoWeights.read(s, w)).containsExactly(3f, 6f);
      s.runner().addTarget(ema.swap()).run().close();
      assertThat(TwoWeights.read(s, w)).containsExactly(2.5f, 3f);
      assertThat(TwoWeights.read(s, e)).containsExactly(3f, 6f);
      s.runner().addTarget(ema.swap()).run().close();
      assertThat(TwoWeights.read(s, w)).containsExactly(3f, 6f);
    }
  }

  @Test
  void defaultDecayAveragesOverAboutTwentyFiveThousandSteps() {
    // After n updates towards a constant target the shadow has moved 1 − decay^n of the way.
    double n = 1 / (1 - WeightEma.DEFAULT_DECAY);
    assertThat(n).isCloseTo(25_000, within(1e-6));
    assertThat(1 - Math.pow(WeightEma.DEFAULT_DECAY, n)).isCloseTo(1 - Math.exp(-1), within(1e-4));
    try (Graph g = new Graph()) {
      assertThatThrownBy(
              () -> WeightEma.create(Ops.create(g), List.of(), 1.0, (name, shape) -> null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ema decay");
    }
  }

  private static void set(Session s, Operand<TFloat32> in, Op assign, float a, float b) {
    try (TFloat32 t = TFloat32.vectorOf(a, b)) {
      s.runner().feed(in, t).addTarget(assign).run().close();
    }
  }
}
