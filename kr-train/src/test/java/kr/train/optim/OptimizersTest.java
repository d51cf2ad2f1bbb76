package kr.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
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

/** Two hand-computed steps of each optimizer on w = [1, -2] with a constant gradient. */
class OptimizersTest {
  private static final float[] GRAD = {0.5f, -1f};

  private static float[][] twoSteps(Optimizers kind, OptimizerSpec spec, double lr) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      TwoWeights f = TwoWeights.create(g);
      Ops tf = f.tf();
      Variable<TFloat32> w = f.w();
      Op setW = tf.assign(w, tf.constant(new float[] {1f, -2f}));
      var lrIn = tf.placeholder(TFloat32.class);
      var stepIn = tf.placeholder(TFloat32.class);
      Op update =
          kind.create(spec)
              .update(
                  tf,
                  List.of(f.parameter()),
                  List.<Operand<TFloat32>>of(tf.constant(GRAD)),
                  lrIn,
                  stepIn,
                  (name, shape) -> f.zeros(shape));
      s.initialize();
      s.runner().addTarget(setW).run().close();
      float[][] out = new float[2][];
      for (int t = 1; t <= 2; t++) {
        try (TFloat32 l = TFloat32.scalarOf((float) lr);
            TFloat32 st = TFloat32.scalarOf(t)) {
          s.runner().feed(lrIn, l).feed(stepIn, st).addTarget(update).run().close();
        }
        out[t - 1] = TwoWeights.read(s, w);
      }
      return out;
    }
  }

  @Test
  void adamWMatchesPyTorchsFormula() {
    double lr = 0.1;
    double wd = 0.01;
    float[][] w =
        twoSteps(Optimizers.ADAMW, new OptimizerSpec(wd, 0.9, true, 0.9, 0.999, 1e-8), lr);
    // With a constant gradient m̂ = g and v̂ = g² at every step, so each step moves
    // w ← w·(1 − lr·wd) − lr·g/(|g| + ε).
    double[] expected = {1, -2};
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < 2; i++) {
        double g = GRAD[i];
        expected[i] = expected[i] * (1 - lr * wd) - lr * g / (Math.abs(g) + 1e-8);
        assertThat((double) w[t][i])
            .as("step %d, w[%d]", t + 1, i)
            .isCloseTo(expected[i], within(1e-6));
      }
    }
    // Step 1 by hand: 1·0.999 − 0.1 = 0.899; −2·0.999 + 0.1 = −1.898.
    assertThat(w[0][0]).isCloseTo(0.899f, within(1e-6f));
    assertThat(w[0][1]).isCloseTo(-1.898f, within(1e-6f));
  }

  @Test
  void sgdNesterovMatchesPyTorchsFormula() {
    double lr = 0.1;
    double mu = 0.9;
    double wd = 0.1;
    float[][] w = twoSteps(Optimizers.SGD, new OptimizerSpec(wd, mu, true, 0.9, 0.999, 1e-8), lr);
    double[] ws = {1, -2};
    double[] buf = {0, 0};
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < 2; i++) {
        double g = GRAD[i] + wd * ws[i];
        buf[i] = mu * buf[i] + g;
        ws[i] -= lr * (g + mu * buf[i]);
        assertThat((double) w[t][i]).as("step %d, w[%d]", t + 1, i).isCloseTo(ws[i], within(1e-6));
      }
    }
    // Step 1 by hand for w0: g = 0.5 + 0.1 = 0.6, buf = 0.6, w = 1 − 0.1·(0.6 + 0.54) = 0.886.
    assertThat(w[0][0]).isCloseTo(0.886f, within(1e-6f));
  }

  @Test
  void plainSgdWithoutMomentumHasNoSlots() {
    float[][] w = twoSteps(Optimizers.SGD, new OptimizerSpec(0, 0, false, 0.9, 0.999, 1e-8), 1);
    assertThat(w[1]).containsExactly(0f, 0f);
  }

  @Test
  void adamL2AddsTheDecayToTheGradientBeforeTheMoments() {
    double lr = 0.1;
    double wd = 0.1;
    float[][] w =
        twoSteps(Optimizers.ADAM_L2, new OptimizerSpec(wd, 0.9, true, 0.9, 0.999, 1e-8), lr);
    double[] ws = {1, -2};
    double[] m = {0, 0};
    double[] v = {0, 0};
    for (int t = 1; t <= 2; t++) {
      for (int i = 0; i < 2; i++) {
        double g = GRAD[i] + wd * ws[i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double mHat = m[i] / (1 - Math.pow(0.9, t));
        double vHat = v[i] / (1 - Math.pow(0.999, t));
        ws[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
        assertThat((double) w[t - 1][i]).as("step %d, w[%d]", t, i).isCloseTo(ws[i], within(2e-6));
      }
    }
    // Step 1 by hand: g = 0.5 + 0.1·1 = 0.6 and −1 + 0.1·(−2) = −1.2, so w moves by lr·sign(g):
    // 0.9, −1.9
    // (AdamW would give 0.899 and −1.898: the decay there is outside the normalised step).
    assertThat(w[0][0]).isCloseTo(0.9f, within(1e-6f));
    assertThat(w[0][1]).isCloseTo(-1.9f, within(1e-6f));
    // Step 2 for w0 by hand: g = 0.59, m = 0.113, v = 7.0774e-4, m̂ = 0.594737, √v̂ = 0.595018: w =
    // 0.800047.
    assertThat(w[1][0]).isCloseTo(0.800047f, within(2e-6f));
  }

  @Test
  void excludedParametersGetNoDecay() {
    // "w" is a vector: timm's rule exempts rank-1 parameters, so AdamW and SGD then ignore the
    // decay.
    OptimizerSpec decayAll = new OptimizerSpec(0.5, 0, false, 0.9, 0.999, 1e-8);
    OptimizerSpec timm = decayAll.withDecayRule(WeightDecayRule.timm());
    OptimizerSpec noDecay = new OptimizerSpec(0, 0, false, 0.9, 0.999, 1e-8);
    for (Optimizers kind : Optimizers.values()) {
      float[][] excluded = twoSteps(kind, timm, 0.1);
      float[][] plain = twoSteps(kind, noDecay, 0.1);
      float[][] decayed = twoSteps(kind, decayAll, 0.1);
      assertThat(excluded[1]).as(kind.name()).containsExactly(plain[1]);
      assertThat(decayed[1][0]).as(kind.name()).isNotEqualTo(plain[1][0]);
    }
  }
}
