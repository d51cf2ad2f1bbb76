package kr.core.dynamic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.testing.GradientCheck;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat64;

class DynamicLinearTest {
  static final int B = 3;
  static final int IN = 4;
  static final int OUT = 5;

  /** tokens per sample (0 = rank-2 input), n, ODConv-style channel attentions. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(7, 4, true),
        Arguments.of(7, 1, false),
        Arguments.of(0, 3, true),
        Arguments.of(2, 2, false),
        Arguments.of(5, 1, true));
  }

  private record Built(
      Operand<TFloat64> y,
      double[] expected,
      BuildContext<TFloat64> ctx,
      Operand<TFloat64> x,
      double[] xv) {}

  private static Built build(TestGraph g, int tokens, int n, boolean omni, Strategy s) {
    Random rnd = new Random(5);
    BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
    int t = Math.max(tokens, 1);
    double[] xv = TestGraph.random(rnd, B * t * IN);
    Operand<TFloat64> x = tokens == 0 ? g.input64(xv, B, IN) : g.input64(xv, B, tokens, IN);
    double[] alpha = n == 1 && omni ? null : TestGraph.random(rnd, B * n);
    double[] inCh = omni ? TestGraph.random(rnd, B * IN) : null;
    double[] outCh = omni ? TestGraph.random(rnd, B * OUT) : null;
    var coeffs =
        new KernelCoefficients<>(
            opt(g, alpha, n),
            opt(g, inCh, IN),
            opt(g, outCh, OUT),
            Optional.<Operand<TFloat64>>empty());
    Operand<TFloat64> y =
        new DynamicLinear("dl", OUT, n)
            .withStrategy(s)
            .withKernelInit(Init.normal(0.5))
            .apply(ctx, x, coeffs);
    double[] w = g.eval(ctx.store().find("dl/kernels").orElseThrow().value());
    double[] bias = g.eval(ctx.store().find("dl/bias").orElseThrow().value());
    double[] expected = new double[B * t * OUT];
    for (int b = 0; b < B; b++) {
      for (int p = 0; p < t; p++) {
        for (int o = 0; o < OUT; o++) {
          double acc = 0;
          for (int i = 0; i < IN; i++) {
            double wb = 0;
            for (int k = 0; k < n; k++) {
              wb += (alpha == null ? 1 : alpha[b * n + k]) * w[(k * IN + i) * OUT + o];
            }
            double xi = xv[(b * t + p) * IN + i] * (inCh == null ? 1 : inCh[b * IN + i]);
            acc += xi * wb;
          }
          expected[(b * t + p) * OUT + o] =
              acc * (outCh == null ? 1 : outCh[b * OUT + o]) + bias[o];
        }
      }
    }
    return new Built(y, expected, ctx, x, xv);
  }

  private static Optional<Operand<TFloat64>> opt(TestGraph g, double[] v, int width) {
    return v == null
        ? Optional.empty()
        : Optional.of(g.tf.constant(Shape.of(B, width), DataBuffers.of(v, true, false)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void bothStrategiesMatchTheDirectPerSampleProduct(int tokens, int n, boolean omni) {
    for (Strategy s : List.of(Strategy.PER_SAMPLE, Strategy.MIXTURE)) {
      try (TestGraph g = new TestGraph()) {
        Built b = build(g, tokens, n, omni, s);
        assertThat(g.eval(b.y())).as("strategy %s", s).containsExactly(b.expected(), within(1e-9));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(int tokens, int n, boolean omni) {
    for (Strategy s : List.of(Strategy.PER_SAMPLE, Strategy.MIXTURE)) {
      try (TestGraph g = new TestGraph()) {
        Built b = build(g, tokens, n, omni, s);
        double worst =
            new GradientCheck(g)
                .maxEntriesPerTensor(6)
                .check(b.ctx(), b.y(), List.of(b.x()), Map.of(b.x(), b.xv()));
        assertThat(worst).as("strategy %s", s).isLessThan(1e-5);
      }
    }
  }

  @Test
  void countsTokenProductsAndAggregation() {
    try (TestGraph g = new TestGraph()) {
      Built b = build(g, 7, 4, false, Strategy.MIXTURE);
      assertThat(b.ctx().ledger().totalMacs()).isEqualTo(7L * IN * OUT + 4L * IN * OUT);
    }
  }

  @Test
  void costModelPicksTheMeasuredFasterRoute() {
    assertThat(CostModel.linear(65, 4, 128, 512)).isEqualTo(Strategy.PER_SAMPLE);
    assertThat(CostModel.linear(65, 1, 128, 512)).isEqualTo(Strategy.MIXTURE);
    assertThat(CostModel.conv(28 * 28, 4, 9, 128, 128, false, false, 1))
        .isEqualTo(Strategy.PER_SAMPLE);
    assertThat(CostModel.conv(14 * 14, 1, 9, 256, 256, false, true, 1))
        .isEqualTo(Strategy.PATCH_MIXTURE);
    assertThat(CostModel.conv(4 * 4, 4, 9, 512, 512, false, true, 1))
        .isEqualTo(Strategy.PATCH_MIXTURE);
    assertThat(CostModel.conv(56 * 56, 1, 9, 64, 64, false, true, 1))
        .isEqualTo(Strategy.PER_SAMPLE);
    assertThat(CostModel.conv(8 * 8, 4, 9, 256, 256, false, true, 1))
        .isEqualTo(Strategy.PER_SAMPLE);
    assertThat(CostModel.conv(16 * 16, 4, 9, 32, 32, true, true, 32))
        .isEqualTo(Strategy.GROUPED_BATCH);
    assertThat(CostModel.conv(28 * 28, 4, 9, 128, 128, false, true, 1))
        .isEqualTo(Strategy.PER_SAMPLE);
  }
}
