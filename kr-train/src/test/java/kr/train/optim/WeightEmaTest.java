package kr.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.graph.ParamSpec;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
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
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), 1);
      ctx.param("w", ParamSpec.vector(2, Init.constant(0)));
      Parameter p = ctx.store().trainable().get(0);
      Variable<TFloat32> w = p.float32Variable();
      var wIn = tf.placeholder(TFloat32.class);
      Op setW = tf.assign(w, wIn);
      Ops init = tf.withInitScope();
      WeightEma ema =
          WeightEma.create(
              tf,
              List.of(p),
              0.5,
              (name, shape) -> {
                assertThat(name).isEqualTo("ema/w");
                return tf.variable(init.zeros(init.constant(shape.asArray()), TFloat32.class));
              });
      Variable<TFloat32> e = ema.shadows().get("w");
      s.initialize();
      set(s, wIn, setW, 1f, -2f);
      s.runner().addTarget(ema.reset()).run().close();
      assertThat(read(s, e)).containsExactly(1f, -2f);
      // decay 0.5: e ← 0.5·e + 0.5·w with w = [3, 2] then [3, 6]:
      // [1, −2] → [2, 0] → [2.5, 3].
      set(s, wIn, setW, 3f, 2f);
      s.runner().addTarget(ema.update()).run().close();
      assertThat(read(s, e)).containsExactly(2f, 0f);
      set(s, wIn, setW, 3f, 6f);
      s.runner().addTarget(ema.update()).run().close();
      assertThat(read(s, e)).containsExactly(2.5f, 3f);
      assertThat(read(s, w)).containsExactly(3f, 6f);
      s.runner().addTarget(ema.swap()).run().close();
      assertThat(read(s, w)).containsExactly(2.5f, 3f);
      assertThat(read(s, e)).containsExactly(3f, 6f);
      s.runner().addTarget(ema.swap()).run().close();
      assertThat(read(s, w)).containsExactly(3f, 6f);
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

  private static float[] read(Session s, Variable<TFloat32> v) {
    try (Result r = s.runner().fetch(v).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      return new float[] {t.getFloat(0), t.getFloat(1)};
    }
  }
}
