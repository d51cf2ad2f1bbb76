package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import kr.core.layers.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class WeightExcitationTest {
  static final int B = 2;

  static Stream<ConvGeometry> geometries() {
    return Stream.of(ConvGeometry.of(32, 4, 3, 2), ConvGeometry.depthwise(6, 3, 1));
  }

  /** W' = m ⊙ MWE(W), m from the per-filter k×k means of MWE(W); one kernel for the batch. */
  static double[] excited(Harness t, ConvGeometry g) {
    double[] w = t.p("l/kernel");
    double max = 0;
    for (double v : w) {
      max = Math.max(max, Math.abs(v));
    }
    double ma = (1 + WeightExcitation.EPSILON) * max;
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double u = w[i] / ma;
      w1[i] = ma * 0.5 * Math.log((1 + u) / (1 - u));
    }
    int kk = g.kernel() * g.kernel();
    int cin = g.in() / g.groups();
    int cout = g.out();
    double[][] v = new double[cout][cin];
    for (int p = 0; p < kk; p++) {
      for (int c = 0; c < cin; c++) {
        for (int o = 0; o < cout; o++) {
          v[o][c] += w1[(p * cin + c) * cout + o] / kk;
        }
      }
    }
    int hid = WeightExcitation.hidden(cin);
    double[][] h =
        Naive.map(
            Naive.linear(v, t.p("l/lwe/fc1/kernel"), t.p("l/lwe/fc1/bias"), hid), Naive::relu);
    double[][] m =
        Naive.map(
            Naive.linear(h, t.p("l/lwe/fc2/kernel"), t.p("l/lwe/fc2/bias"), cin), Naive::sigmoid);
    double[] out = new double[w.length];
    for (int p = 0; p < kk; p++) {
      for (int c = 0; c < cin; c++) {
        for (int o = 0; o < cout; o++) {
          int idx = (p * cin + c) * cout + o;
          out[idx] = m[o][c] * w1[idx];
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void matchesTheDirectComputation(ConvGeometry g) {
    try (Harness t = new Harness(41)) {
      Operand<TFloat64> y = new WeightExcitation().layer(t.ctx, "l", g, t.input(B, 5, 4, g.in()));
      t.randomizeParameters(0.5);
      t.assertMatches(y, t.conv(g, Naive.shared(excited(t, g), B)), 1e-9);
    }
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void gradientMatchesFiniteDifferences(ConvGeometry g) {
    try (Harness t = new Harness(42)) {
      Operand<TFloat64> y = new WeightExcitation().layer(t.ctx, "l", g, t.input(B, 4, 4, g.in()));
      assertThat(t.gradientCheck(y, 4)).isLessThan(1e-5);
    }
  }

  @Test
  void trainingAddsOnlyTheLweFcsAndFlopsEqualTheStaticConv() {
    try (Harness t = new Harness(43)) {
      ConvGeometry g = ConvGeometry.of(32, 4, 3, 2);
      new WeightExcitation().layer(t.ctx, "l", g, t.input(B, 5, 4, 32));
      long w = 9L * 32 * 4;
      assertThat(t.trainable()).isEqualTo(w + (32 * 2 + 2) + (2 * 32 + 32));
      assertThat(WeightExcitation.inferenceParams(g)).isEqualTo(w);
      assertThat(t.ctx.ledger().totalMacs()).isEqualTo(g.macs(5, 4));
    }
  }
}
