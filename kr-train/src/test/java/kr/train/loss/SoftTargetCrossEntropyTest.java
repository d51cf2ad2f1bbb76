package kr.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

class SoftTargetCrossEntropyTest {
  private static final double[][] LOGITS = {{1, 2, 3}, {0, 0, 0}};
  private static final double[][] TARGETS = {{0.2, 0.3, 0.5}, {1, 0, 0}};

  @Test
  void lossAndGradientMatchTheHandComputation() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> z = tf.constant(LOGITS);
      Operand<TFloat64> y = tf.constant(TARGETS);
      Operand<TFloat64> loss = SoftTargetCrossEntropy.mean(tf, z, y);
      Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {z.asOutput()});
      try (Result r =
          s.runner()
              .fetch(loss)
              .fetch(SoftTargetCrossEntropy.perExample(tf, z, y))
              .fetch(grad[0])
              .run()) {
        // Row 0: logsumexp(1, 2, 3) = 3 + ln(1 + e^-1 + e^-2) = 3.4076059644; loss = lse − Σ y·z
        // = 3.4076059644 − (0.2 + 0.6 + 1.5) = 1.1076059644. Row 1: ln 3 = 1.0986122887.
        TFloat64 per = (TFloat64) r.get(1);
        assertThat(per.getDouble(0)).isCloseTo(1.1076059644, within(1e-9));
        assertThat(per.getDouble(1)).isCloseTo(Math.log(3), within(1e-12));
        assertThat(((TFloat64) r.get(0)).getDouble())
            .isCloseTo((1.1076059644 + Math.log(3)) / 2, within(1e-9));
        // d loss / d z = (softmax(z) − y) / B.
        TFloat64 dz = (TFloat64) r.get(2);
        for (int b = 0; b < 2; b++) {
          double lse =
              Math.log(Math.exp(LOGITS[b][0]) + Math.exp(LOGITS[b][1]) + Math.exp(LOGITS[b][2]));
          for (int c = 0; c < 3; c++) {
            double expected = (Math.exp(LOGITS[b][c] - lse) - TARGETS[b][c]) / 2;
            assertThat(dz.getDouble(b, c)).as("dz[%d,%d]", b, c).isCloseTo(expected, within(1e-12));
          }
        }
      }
    }
  }

  @Test
  void oneHotTargetsGiveTheOrdinaryCrossEntropyAndShapesAreChecked() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> z = tf.constant(new double[][] {{2, -1}});
      Operand<TFloat64> loss =
          SoftTargetCrossEntropy.mean(tf, z, tf.constant(new double[][] {{0, 1}}));
      try (Result r = s.runner().fetch(loss).run()) {
        // −log softmax(z)_1 = ln(e^2 + e^-1) + 1 = 3.0485873516.
        assertThat(((TFloat64) r.get(0)).getDouble())
            .isCloseTo(Math.log(Math.exp(2) + Math.exp(-1)) + 1, within(1e-12));
      }
      assertThatThrownBy(
              () -> SoftTargetCrossEntropy.mean(tf, z, tf.constant(new double[][] {{0, 0, 1}})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("targets");
    }
  }
}
