package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ConvRole;
import kr.core.graph.BuildContext;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class WeightNetTest {
  static final int B = 3;

  static Stream<ConvGeometry> geometries() {
    return Stream.of(
        ConvGeometry.of(6, 4, 3, 2), ConvGeometry.of(6, 5, 1, 1), ConvGeometry.depthwise(6, 3, 1));
  }

  private static Operand<TFloat64> build(Harness t, ConvGeometry g) {
    Operand<TFloat64> x = t.input(B, 5, 4, g.in());
    BuildContext<TFloat64> bc = t.ctx.child("blk");
    return new WeightNet()
        .block(bc, BlockSpec.basic(0, 1), x)
        .conv(bc, "conv", g, new KrState<>(x, KernelRepresentation.none()), ConvRole.BLOCK)
        .x();
  }

  /**
   * x_r = reduce(GAP x); s = sigmoid(fc1 x_r); filter o, part h (group γ = 2o + h) = s[γ]·w2[γ] in
   * PyTorch [C_out, C_in, k, k] order; depthwise: filter c = s[c]·w2[c].
   */
  static double[][] kernels(Harness t, ConvGeometry g) {
    int red = WeightNet.reduced(g.in());
    double[][] xr =
        Naive.linear(
            Naive.gap(t.xv, t.b, t.h, t.w, t.c),
            t.p("blk/weightnet_reduce/kernel"),
            t.p("blk/weightnet_reduce/bias"),
            red);
    int k = g.kernel();
    int cinG = g.in() / g.groups();
    int groups = g.depthwise() ? g.out() : 2 * g.out();
    double[][] s =
        Naive.map(
            Naive.linear(xr, t.p("blk/conv/fc1/kernel"), t.p("blk/conv/fc1/bias"), groups),
            Naive::sigmoid);
    double[] w2 = t.p("blk/conv/fc2");
    int perFilter = cinG * k * k;
    int chunk = g.depthwise() ? perFilter : perFilter / 2;
    double[][] kern = new double[t.b][k * k * cinG * g.out()];
    for (int b = 0; b < t.b; b++) {
      for (int o = 0; o < g.out(); o++) {
        for (int e = 0; e < perFilter; e++) { // e = (c·k + i)·k + j, PyTorch order
          int gamma = g.depthwise() ? o : 2 * o + e / chunk;
          double v = s[b][gamma] * w2[gamma * chunk + e % chunk];
          int c = e / (k * k);
          int i = (e / k) % k;
          int j = e % k;
          kern[b][((i * k + j) * cinG + c) * g.out() + o] = v;
        }
      }
    }
    return kern;
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void matchesTheDirectComputation(ConvGeometry g) {
    try (Harness t = new Harness(31)) {
      Operand<TFloat64> y = build(t, g);
      t.randomizeParameters(0.5);
      t.assertMatches(y, t.conv(g, kernels(t, g)), 1e-9);
    }
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void gradientMatchesFiniteDifferences(ConvGeometry g) {
    try (Harness t = new Harness(32)) {
      assertThat(t.gradientCheck(build(t, g), 3)).isLessThan(1e-5);
    }
  }

  @Test
  void parametersAndMacs() {
    try (Harness t = new Harness(33)) {
      ConvGeometry g = ConvGeometry.of(6, 4, 3, 2);
      build(t, g);
      long w = 9L * 6 * 4;
      long reduce = 6 * 16 + 16;
      long fc1 = 16 * 8 + 8;
      assertThat(t.trainable()).isEqualTo(reduce + fc1 + w);
      long conv = 3L * 2 * w;
      assertThat(t.ctx.ledger().totalMacs()).isEqualTo(5L * 4 * 6 + 6 * 16 + 16 * 8 + conv + w);
    }
    assertThat(WeightNet.reduced(512)).isEqualTo(32);
    assertThat(WeightNet.reduced(64)).isEqualTo(16);
  }

  @Test
  void shortcutStaysStatic() {
    try (Harness t = new Harness(34)) {
      Operand<TFloat64> x = t.input(2, 4, 4, 6);
      BuildContext<TFloat64> bc = t.ctx.child("blk");
      new WeightNet()
          .block(bc, BlockSpec.basic(0, 1), x)
          .conv(
              bc,
              "down",
              ConvGeometry.of(6, 8, 1, 2),
              new KrState<>(x, KernelRepresentation.none()),
              ConvRole.SHORTCUT);
      assertThat(t.ctx.store().find("blk/down/kernel")).isPresent();
    }
  }
}
