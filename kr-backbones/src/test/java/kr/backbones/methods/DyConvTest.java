package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ConvRole;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class DyConvTest {
  static final int B = 3;

  static Stream<ConvGeometry> geometries() {
    return Stream.of(
        ConvGeometry.of(8, 6, 3, 2), ConvGeometry.of(8, 5, 1, 1), ConvGeometry.depthwise(8, 3, 1));
  }

  /** π = softmax(FC₂(ReLU(FC₁ GAP x))/T), W_b = Σ π_k W_k, computed directly. */
  static double[] naive(Harness t, ConvGeometry g, String name) {
    double[][] pooled = Naive.gap(t.xv, t.b, t.h, t.w, t.c);
    int hid = DyConv.hidden(g.in());
    double[][] hh =
        Naive.map(
            Naive.linear(pooled, t.p(name + "/attention/fc1/kernel"), null, hid), Naive::relu);
    double[][] pi =
        Naive.softmax(
            Naive.linear(
                hh, t.p(name + "/attention/fc2/kernel"), t.p(name + "/attention/fc2/bias"), 4),
            Harness.TEMPERATURE);
    double[][] kern =
        Naive.mix(
            t.p(name + "/conv/kernels"),
            4,
            g.kernel(),
            g.in() / g.groups(),
            g.out(),
            g.groups(),
            pi,
            null,
            null,
            null,
            t.b);
    return t.conv(g, kern);
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void matchesTheDirectComputation(ConvGeometry g) {
    try (Harness t = new Harness(1)) {
      Operand<TFloat64> y = new DyConv().layer(t.ctx, "l", g, t.input(B, 5, 6, g.in()));
      t.randomizeParameters(0.5);
      t.assertMatches(y, naive(t, g, "l"), 1e-9);
    }
  }

  static Stream<ConvGeometry> gradientGeometries() {
    return Stream.of(ConvGeometry.of(8, 6, 3, 2), ConvGeometry.depthwise(8, 3, 1));
  }

  @ParameterizedTest
  @MethodSource("gradientGeometries")
  void gradientMatchesFiniteDifferences(ConvGeometry g) {
    try (Harness t = new Harness(2)) {
      Operand<TFloat64> y = new DyConv().layer(t.ctx, "l", g, t.input(B, 4, 4, g.in()));
      assertThat(t.gradientCheck(y, 3)).isLessThan(1e-5);
    }
  }

  @Test
  void parametersAndMacsOfOneLayer() {
    try (Harness t = new Harness(3)) {
      ConvGeometry g = ConvGeometry.of(16, 12, 3, 1);
      new DyConv().layer(t.ctx, "l", g, t.input(2, 5, 6, 16));
      long w = 9L * 16 * 12;
      assertThat(t.trainable()).isEqualTo(4 * w + 16 * 4 + 4 * 4 + 4);
      long conv = 5L * 6 * w;
      assertThat(t.ctx.ledger().totalMacs())
          .isEqualTo(conv + 4 * w + (16 * 4 + 4 * 4) + 5L * 6 * 16);
    }
  }

  @Test
  void theStemStaysStaticAndTheShortcutIsDynamic() {
    try (Harness t = new Harness(4)) {
      Operand<TFloat64> x = t.input(2, 4, 4, 8);
      KrState<TFloat64> s = new KrState<>(x, KernelRepresentation.none());
      DyConv m = new DyConv();
      m.conv(t.ctx, "stem", ConvGeometry.of(8, 8, 3, 1), s, ConvRole.STEM);
      m.block(t.ctx.child("blk"), BlockSpec.basic(0, 8), x)
          .conv(t.ctx.child("blk"), "down", ConvGeometry.of(8, 16, 1, 2), s, ConvRole.SHORTCUT);
      assertThat(t.ctx.store().find("stem/kernel")).isPresent();
      assertThat(t.ctx.store().find("blk/down/conv/kernels")).isPresent();
    }
  }
}
