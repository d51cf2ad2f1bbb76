package kr.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.graph.ParamSpec;
import kr.core.graph.Parameter;
import kr.core.testing.TestGraph;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class TrainStepTest {
  /** y = 2·x1 − 3·x2 + 0.5 on four points; w and b start at zero. */
  private static final float[] X = {1, 0, 0, 1, 1, 1, 2, -1};

  private static final float[] Y = {2.5f, -2.5f, -0.5f, 7.5f};

  private record Regression(TestGraph g, BuildContext<TFloat32> ctx, Operand<TFloat32> loss) {}

  private static Regression regression() {
    TestGraph g = new TestGraph();
    BuildContext<TFloat32> ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
    Ops tf = g.tf;
    Operand<TFloat32> w =
        ctx.param("w", ParamSpec.trainable(new long[] {2, 1}, 2, 1, Init.zeros()));
    Operand<TFloat32> b = ctx.param("b", ParamSpec.vector(1, Init.zeros()));
    Operand<TFloat32> x = tf.constant(Shape.of(4, 2), DataBuffers.of(X));
    Operand<TFloat32> y = tf.constant(Shape.of(4, 1), DataBuffers.of(Y));
    Operand<TFloat32> err = tf.math.sub(tf.math.add(tf.linalg.matMul(x, w), b), y);
    Operand<TFloat32> loss = tf.math.mean(tf.math.square(err), tf.constant(new int[] {0, 1}));
    return new Regression(g, ctx, loss);
  }

  private static float run(TestGraph g, Operand<TFloat32> fetch, Op... targets) {
    var r = g.session.runner().fetch(fetch);
    for (Op t : targets) {
      r.addTarget(t);
    }
    try (Result res = r.run()) {
      return ((TFloat32) res.get(0)).getFloat();
    }
  }

  @Test
  void gradientDescentStepHasTheHandComputedGradientAndLossFalls() {
    Regression m = regression();
    try (TestGraph g = m.g()) {
      TrainStep step =
          TrainStep.builder(m.ctx(), m.loss())
              .build(g.tf, UpdateRule.gradientDescent(), g.tf.constant(0.1f), g.tf.constant(1f));
      g.init();
      // At w = b = 0: dL/dw_j = (2/4) Σ_i (−y_i) x_ij, dL/db = (2/4) Σ_i (−y_i).
      // Σ y·x1 = 2.5 − 0.5 + 15 = 17, Σ y·x2 = −2.5 − 0.5 − 7.5 = −10.5, Σ y = 7.
      try (Result res =
          g.session
              .runner()
              .fetch(step.gradients().get(0))
              .fetch(step.gradients().get(1))
              .fetch(step.globalNorm())
              .run()) {
        TFloat32 gw = (TFloat32) res.get(0);
        assertThat(gw.getFloat(0, 0)).isEqualTo(-8.5f);
        assertThat(gw.getFloat(1, 0)).isEqualTo(5.25f);
        assertThat(((TFloat32) res.get(1)).getFloat(0)).isEqualTo(-3.5f);
        assertThat(((TFloat32) res.get(2)).getFloat())
            .isCloseTo(
                (float) Math.sqrt(8.5 * 8.5 + 5.25 * 5.25 + 3.5 * 3.5), Offset.offset(1e-5f));
      }
      float first = run(g, m.loss());
      assertThat(first).isEqualTo((2.5f * 2.5f * 2 + 0.25f + 7.5f * 7.5f) / 4);
      float last = first;
      for (int i = 0; i < 400; i++) {
        run(g, m.loss(), step.op());
        float now = run(g, m.loss());
        assertThat(now).as("loss after step %d", i + 1).isLessThan(last);
        last = now;
      }
      assertThat(last).isLessThan(1e-4f);
      assertThat(step.unreached()).isEmpty();
      assertThat(step.slots()).isEmpty();
    }
  }

  @Test
  void everyUpdateWaitsForTheBarrierThatWaitsForEveryGradient() {
    Regression m = regression();
    try (TestGraph g = m.g()) {
      TrainStep step =
          TrainStep.builder(m.ctx(), m.loss())
              .clipNorm(1)
              .build(g.tf, UpdateRule.gradientDescent(), g.tf.constant(0.1f), g.tf.constant(1f));
      GraphOperation barrier = (GraphOperation) step.barrier().op();
      assertThat(barrier.type()).isEqualTo("NoOp");
      assertThat(barrier.name()).endsWith("gradients_done");
      assertThat(barrier.numControlInputs()).isEqualTo(2);
      for (Operand<TFloat32> grad : step.gradients()) {
        GraphOperation op = (GraphOperation) grad.op();
        assertThat(op.type()).isEqualTo("Identity");
        assertThat(op.controlInputs()).containsExactly(barrier);
      }
    }
  }

  @Test
  void clippingScalesTheUpdateToTheGlobalNorm() {
    Regression m = regression();
    try (TestGraph g = m.g()) {
      TrainStep step =
          TrainStep.builder(m.ctx(), m.loss())
              .clipNorm(1)
              .build(g.tf, UpdateRule.gradientDescent(), g.tf.constant(1f), g.tf.constant(1f));
      g.init();
      run(g, m.loss(), step.op());
      double norm = Math.sqrt(8.5 * 8.5 + 5.25 * 5.25 + 3.5 * 3.5);
      // Every parameter moves by lr · (−g / norm): b ← 0 + 3.5 / norm.
      assertThat(run(g, scalar(g, m.ctx().store().find("b").orElseThrow())))
          .isCloseTo((float) (3.5 / norm), Offset.offset(1e-6f));
    }
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> scalar(TestGraph g, Parameter p) {
    return g.tf.reshape((Operand<TFloat32>) p.value(), g.tf.constant(new long[0]));
  }

  @Test
  void slotsDeclaredByTheRuleAreCollectedAndDuplicatesRejected() {
    Regression m = regression();
    try (TestGraph g = m.g()) {
      UpdateRule momentum =
          (tf, params, grads, lr, stepNo, slots) -> {
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
              var buf =
                  slots.zeros("momentum/" + params.get(i).path(), params.get(i).spec().shape());
              ops.add(
                  tf.assign(
                      buf,
                      tf.math.add(tf.math.mul(tf.constant(0.9f), tf.identity(buf)), grads.get(i))));
            }
            return tf.withControlDependencies(ops).noOp();
          };
      TrainStep step =
          TrainStep.builder(m.ctx(), m.loss())
              .build(g.tf, momentum, g.tf.constant(0.1f), g.tf.constant(1f));
      assertThat(step.slots()).containsOnlyKeys("momentum/w", "momentum/b");
      UpdateRule twice =
          (tf, params, grads, lr, stepNo, slots) -> {
            slots.zeros("same", Shape.of(1));
            slots.zeros("same", Shape.of(1));
            return tf.noOp();
          };
      assertThatThrownBy(
              () ->
                  TrainStep.builder(m.ctx(), m.loss())
                      .build(g.tf, twice, g.tf.constant(0.1f), g.tf.constant(1f)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("same");
    }
  }

  @Test
  @SuppressWarnings("try") // the graph is only closed, the model holds it
  void badOptionsAreRejectedWithTheirName() {
    Regression m = regression();
    try (TestGraph g = m.g()) {
      assertThatThrownBy(() -> TrainStep.builder(m.ctx(), m.loss()).clipNorm(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("clipNorm");
      assertThatThrownBy(() -> TrainStep.builder(m.loss(), List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("params");
    }
  }
}
