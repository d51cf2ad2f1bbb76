package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import kr.core.layers.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class OdConvTest {
  static final int B = 3;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(ConvGeometry.of(8, 6, 3, 2), 4),
        Arguments.of(ConvGeometry.of(8, 6, 3, 1), 1),
        Arguments.of(ConvGeometry.of(8, 5, 1, 1), 4),
        Arguments.of(ConvGeometry.of(8, 5, 1, 1), 1),
        Arguments.of(ConvGeometry.depthwise(8, 3, 2), 4));
  }

  /** Trunk GAP → FC → BN → ReLU, four heads with T, W_b materialised, direct convolution. */
  static double[] naive(Harness t, ConvGeometry g, int n) {
    String a = "l/attention/";
    double[][] pooled = Naive.gap(t.xv, t.b, t.h, t.w, t.c);
    int hid = OdConv.hidden(g.in());
    double[][] h =
        Naive.map(
            Naive.batchNorm(
                Naive.linear(pooled, t.p(a + "fc/kernel"), null, hid),
                t.p(a + "bn/gamma"),
                t.p(a + "bn/beta")),
            Naive::relu);
    double temp = Harness.TEMPERATURE;
    double[][] channel =
        Naive.map(
            Naive.linear(h, t.p(a + "channel/kernel"), t.p(a + "channel/bias"), g.in()),
            z -> Naive.sigmoid(z / temp));
    double[][] filter =
        g.depthwise()
            ? null
            : Naive.map(
                Naive.linear(h, t.p(a + "filter/kernel"), t.p(a + "filter/bias"), g.out()),
                z -> Naive.sigmoid(z / temp));
    int kk = g.kernel() * g.kernel();
    double[][] spatial =
        g.kernel() == 1
            ? null
            : Naive.map(
                Naive.linear(h, t.p(a + "spatial/kernel"), t.p(a + "spatial/bias"), kk),
                z -> Naive.sigmoid(z / temp));
    double[][] alpha =
        n == 1
            ? null
            : Naive.softmax(
                Naive.linear(h, t.p(a + "kernel/kernel"), t.p(a + "kernel/bias"), n), temp);
    double[][] kern =
        Naive.mix(
            t.p("l/conv/kernels"),
            n,
            g.kernel(),
            g.in() / g.groups(),
            g.out(),
            g.groups(),
            alpha,
            channel,
            filter,
            spatial,
            t.b);
    return t.conv(g, kern);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesTheDirectComputation(ConvGeometry g, int n) {
    try (Harness t = new Harness(11)) {
      Operand<TFloat64> y = OdConv.of(n).layer(t.ctx, "l", g, t.input(B, 5, 6, g.in()));
      t.randomizeParameters(0.5);
      t.assertMatches(y, naive(t, g, n), 1e-9);
    }
  }

  static Stream<Arguments> gradientCases() {
    return Stream.of(
        Arguments.of(ConvGeometry.of(8, 6, 3, 2), 4),
        Arguments.of(ConvGeometry.depthwise(8, 3, 1), 1));
  }

  @ParameterizedTest
  @MethodSource("gradientCases")
  void gradientMatchesFiniteDifferences(ConvGeometry g, int n) {
    try (Harness t = new Harness(12)) {
      Operand<TFloat64> y = OdConv.of(n).layer(t.ctx, "l", g, t.input(B, 4, 4, g.in()));
      assertThat(t.gradientCheck(y, 2)).isLessThan(1e-5);
    }
  }

  @Test
  void attentionSizesOfOneLayer() {
    // C_in = 64: A = max(64/16, 16) = 16; C_in = 512: A = 32.
    assertThat(OdConv.hidden(64)).isEqualTo(16);
    assertThat(OdConv.hidden(512)).isEqualTo(32);
    try (Harness t = new Harness(13)) {
      ConvGeometry g = ConvGeometry.of(32, 24, 3, 1);
      OdConv.of(4).layer(t.ctx, "l", g, t.input(2, 4, 4, 32));
      long a = 16;
      long att = 32 * a + 2 * a + (a * 32 + 32) + (a * 24 + 24) + (a * 9 + 9) + (a * 4 + 4);
      long w = 9L * 32 * 24;
      assertThat(t.trainable()).isEqualTo(att + 4 * w);
      long macs = 16L * w + (4 + 5) * w + (32 * a + a * 32 + a * 24 + a * 9 + a * 4) + 16L * 32;
      assertThat(t.ctx.ledger().totalMacs()).isEqualTo(macs);
    }
    try (Harness t = new Harness(14)) {
      // depthwise 1×: no filter, no kernel head; fitted aggregation 2·|W|
      ConvGeometry g = ConvGeometry.depthwise(32, 3, 1);
      OdConv.of(1).layer(t.ctx, "l", g, t.input(2, 4, 4, 32));
      long a = 16;
      assertThat(t.trainable()).isEqualTo(32 * a + 2 * a + (a * 32 + 32) + (a * 9 + 9) + 9L * 32);
      assertThat(t.ctx.ledger().totalMacs())
          .isEqualTo(16L * 9 * 32 + 2 * 9L * 32 + (32 * a + a * 32 + a * 9) + 16L * 32);
    }
  }
}
