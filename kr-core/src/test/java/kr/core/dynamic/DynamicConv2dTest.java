package kr.core.dynamic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Padding;
import kr.core.testing.GradientCheck;
import kr.core.testing.NaiveDynamic;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat64;

class DynamicConv2dTest {
  static final int B = 2;
  static final int H = 6;
  static final int W = 5;

  /** geometry, n, with ODConv-style attentions. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(ConvGeometry.of(3, 4, 3, 1), 3, true),
        Arguments.of(ConvGeometry.of(3, 4, 3, 1), 1, false),
        Arguments.of(ConvGeometry.of(3, 4, 3, 2), 2, true),
        // fewer output positions (3×3) than channels: the spatial attention scales the patches
        Arguments.of(ConvGeometry.of(2, 12, 3, 2), 2, true),
        Arguments.of(ConvGeometry.of(3, 4, 3, 2).withPadding(Padding.SAME), 2, false),
        Arguments.of(ConvGeometry.of(3, 5, 1, 1), 4, true),
        Arguments.of(ConvGeometry.depthwise(4, 3, 1), 3, true),
        Arguments.of(ConvGeometry.depthwise(4, 3, 2), 1, true),
        Arguments.of(new ConvGeometry(4, 6, 3, 1, Padding.of(1), 2), 2, false));
  }

  private record Built(
      Operand<TFloat64> y,
      double[] expected,
      BuildContext<TFloat64> ctx,
      Operand<TFloat64> x,
      double[] xv) {}

  private static Built build(TestGraph g, ConvGeometry geo, int n, boolean omni, Strategy s) {
    Random rnd = new Random(3);
    BuildContext<TFloat64> ctx =
        g.context64(trainable(s, geo, omni) ? Mode.TRAINING : Mode.INFERENCE);
    int cin = geo.in();
    int cout = geo.out();
    int kk = geo.kernel();
    double[] xv = TestGraph.random(rnd, B * H * W * cin);
    double[] alpha = n == 1 && omni ? null : positive(rnd, B * n);
    double[] inCh = omni ? positive(rnd, B * cin) : null;
    double[] outCh = omni && !geo.depthwise() ? positive(rnd, B * cout) : null;
    double[] spatial = omni && kk > 1 ? positive(rnd, B * kk * kk) : null;
    Operand<TFloat64> x = g.input64(xv, B, H, W, cin);
    KernelCoefficients<TFloat64> coeffs =
        new KernelCoefficients<>(
            opt(g, alpha, B, n),
            opt(g, inCh, B, cin),
            opt(g, outCh, B, cout),
            opt(g, spatial, B, kk * kk));
    DynamicConv2d conv =
        new DynamicConv2d("dyn", geo, n).withStrategy(s).withKernelInit(Init.normal(0.5));
    Operand<TFloat64> y = conv.apply(ctx, x, coeffs);
    double[] w = g.eval(ctx.store().find("dyn/kernels").orElseThrow().value());
    double[][] kern =
        NaiveDynamic.kernels(
            w, n, kk, cin / geo.groups(), cout, geo.groups(), B, alpha, inCh, outCh, spatial);
    int ho = (int) geo.outSize(H);
    int wo = (int) geo.outSize(W);
    double[] expected =
        NaiveDynamic.conv(
            xv,
            B,
            H,
            W,
            cin,
            kern,
            kk,
            cout,
            geo.groups(),
            geo.stride(),
            geo.padsFor(H)[0],
            geo.padsFor(W)[0],
            ho,
            wo);
    return new Built(y, expected, ctx, x, xv);
  }

  private static double[] positive(Random rnd, int size) {
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = 0.2 + rnd.nextDouble();
    }
    return v;
  }

  private static Optional<Operand<TFloat64>> opt(TestGraph g, double[] v, long b, long width) {
    return v == null
        ? Optional.empty()
        : Optional.of(g.tf.constant(Shape.of(b, width), DataBuffers.of(v, true, false)));
  }

  private static boolean trainable(Strategy s, ConvGeometry geo, boolean omni) {
    return supports(s, geo, omni) && (s != Strategy.GROUPED_BATCH || geo.depthwise());
  }

  private static boolean supports(Strategy s, ConvGeometry geo, boolean omni) {
    boolean spatial = omni && geo.kernel() > 1;
    return switch (s) {
      case MIXTURE -> !spatial;
      case PER_SAMPLE -> geo.groups() == 1 || geo.depthwise();
      case PATCH_MIXTURE -> geo.groups() == 1;
      default -> true;
    };
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyStrategyMatchesTheDirectPerSampleConvolution(ConvGeometry geo, int n, boolean omni) {
    for (Strategy s : Strategy.values()) {
      if (!supports(s, geo, omni)) {
        continue;
      }
      try (TestGraph g = new TestGraph()) {
        Built b = build(g, geo, n, omni, s);
        double[] got = g.eval(b.y());
        assertThat(b.y().shape().asArray())
            .containsExactly(B, geo.outSize(H), geo.outSize(W), geo.out());
        assertThat(got).as("strategy %s", s).containsExactly(b.expected(), within(1e-9));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(ConvGeometry geo, int n, boolean omni) {
    for (Strategy s : Strategy.values()) {
      if (s == Strategy.AUTO || !trainable(s, geo, omni)) {
        continue;
      }
      try (TestGraph g = new TestGraph()) {
        Built b = build(g, geo, n, omni, s);
        double worst =
            new GradientCheck(g)
                .maxEntriesPerTensor(5)
                .check(b.ctx(), b.y(), List.of(b.x()), Map.of(b.x(), b.xv()));
        assertThat(worst).as("strategy %s", s).isLessThan(1e-5);
      }
    }
  }

  @Test
  void groupedBatchRefusesTrainingBuildsOfDenseConvolutions() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> x = g.input64(new double[B * H * W * 3], B, H, W, 3);
      var alpha = KernelCoefficients.mixing(g.tf.constant(new double[][] {{1}, {1}}));
      assertThatThrownBy(
              () ->
                  new DynamicConv2d("dyn", ConvGeometry.of(3, 4, 3, 1), 1)
                      .withStrategy(Strategy.GROUPED_BATCH)
                      .apply(ctx, x, alpha))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("inference");
    }
  }

  @Test
  void countsConvolutionAndAggregationMacs() {
    try (TestGraph g = new TestGraph()) {
      ConvGeometry geo = ConvGeometry.of(3, 4, 3, 1);
      Built b = build(g, geo, 3, false, Strategy.PER_SAMPLE);
      long conv = (long) H * W * 9 * 3 * 4;
      assertThat(b.ctx().ledger().totalMacs()).isEqualTo(conv + 3L * 9 * 3 * 4);
    }
  }

  @Test
  void mismatchedCoefficientsAreRejectedWithTheirShape() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> x = g.input64(new double[B * H * W * 3], B, H, W, 3);
      var wrong = KernelCoefficients.mixing(g.tf.constant(new double[][] {{1, 0}, {0, 1}}));
      assertThatThrownBy(
              () -> new DynamicConv2d("dyn", ConvGeometry.of(3, 4, 3, 1), 4).apply(ctx, x, wrong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dyn kernel coefficients")
          .hasMessageContaining("width 4");
    }
    assertThatThrownBy(() -> new DynamicConv2d("dyn", ConvGeometry.of(3, 4, 3, 1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplier")
        .hasMessageContaining("0");
  }
}
