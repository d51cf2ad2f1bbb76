package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrState;
import kr.core.layers.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class CondConvTest {
  static final int B = 3;
  static final ConvGeometry G1 = ConvGeometry.of(6, 8, 3, 2);
  static final ConvGeometry G2 = ConvGeometry.of(8, 8, 3, 1);

  /** Two block convs sharing one routing vector, plus a static shortcut. */
  private static Operand<TFloat64>[] buildBlock(Harness t, int index) {
    Operand<TFloat64> x = t.input(B, 5, 6, 6);
    BuildContext<TFloat64> bc = t.ctx.child("blk");
    BlockScope<TFloat64> scope = new CondConv().block(bc, BlockSpec.basic(index, 8), x);
    KrState<TFloat64> s0 = new KrState<>(x, KernelRepresentation.none());
    KrState<TFloat64> s1 = scope.conv(bc, "conv1", G1, s0, ConvRole.BLOCK);
    KrState<TFloat64> s2 = scope.conv(bc, "conv2", G2, s1, ConvRole.BLOCK);
    KrState<TFloat64> sc =
        scope.conv(bc, "down", ConvGeometry.of(6, 8, 1, 2), s0, ConvRole.SHORTCUT);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloat64>[] out = new Operand[] {s2.x(), sc.x()};
    return out;
  }

  @Test
  void blockConvsShareTheRoutingOfTheBlockInput() {
    try (Harness t = new Harness(21)) {
      Operand<TFloat64>[] y = buildBlock(t, 7);
      t.randomizeParameters(0.5);
      double[][] r =
          Naive.map(
              Naive.linear(
                  Naive.gap(t.xv, B, 5, 6, 6),
                  t.p("blk/routing/fc/kernel"),
                  t.p("blk/routing/fc/bias"),
                  8),
              Naive::sigmoid);
      double[] y1 =
          t.conv(G1, Naive.mix(t.p("blk/conv1/kernels"), 8, 3, 6, 8, 1, r, null, null, null, B));
      double[] y2 =
          Harness.conv(
              G2,
              y1,
              B,
              3,
              3,
              Naive.mix(t.p("blk/conv2/kernels"), 8, 3, 8, 8, 1, r, null, null, null, B));
      t.assertMatches(y[0], y2, 1e-9);
      t.assertMatches(
          y[1], t.conv(ConvGeometry.of(6, 8, 1, 2), Naive.shared(t.p("blk/down/kernel"), B)), 1e-9);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (Harness t = new Harness(22)) {
      Operand<TFloat64>[] y = buildBlock(t, 7);
      assertThat(t.gradientCheck(t.g.tf.math.add(y[0], y[1]), 4)).isLessThan(1e-5);
    }
  }

  @Test
  void parametersAndMacsOfABlock() {
    try (Harness t = new Harness(23)) {
      buildBlock(t, 5);
      long w1 = 9L * 6 * 8;
      long w2 = 9L * 8 * 8;
      assertThat(t.trainable()).isEqualTo(8 * (w1 + w2) + (6 * 8 + 8) + 6 * 8);
      long macs = 9 * w1 + 8 * w1 + 9 * w2 + 8 * w2 + 6 * 8 + 9 * 48;
      assertThat(t.ctx.ledger().totalMacs()).isEqualTo(macs);
    }
  }

  @Test
  void onlyTheLastBlocksAreConditional() {
    CondConv m = new CondConv();
    assertThat(m.covers(BlockSpec.basic(4, 8))).isFalse();
    assertThat(m.covers(BlockSpec.basic(5, 8))).isTrue();
    assertThat(m.covers(BlockSpec.bottleneck(12, 16))).isFalse();
    assertThat(m.covers(BlockSpec.bottleneck(13, 16))).isTrue();
    assertThat(m.covers(BlockSpec.invertedResidual(10, 17, 6))).isFalse();
    assertThat(m.covers(BlockSpec.invertedResidual(11, 17, 6))).isTrue();
    try (Harness t = new Harness(24)) {
      buildBlock(t, 4);
      assertThat(t.ctx.store().find("blk/conv1/kernel")).isPresent();
      assertThat(t.ctx.store().find("blk/routing/fc/kernel")).isEmpty();
    }
  }

  @Test
  void classifierMixesEightExpertsWithItsOwnRouting() {
    try (Harness t = new Harness(25)) {
      Operand<TFloat64> x =
          t.g.tf.reshape(t.input(B, 1, 1, 10), t.g.tf.constant(new long[] {B, 10}));
      Operand<TFloat64> y =
          new CondConv()
              .classifier(
                  t.ctx,
                  x,
                  KernelRepresentation.none(),
                  ClassifierSpec.of(4, 0, Init.lecunUniform()));
      assertThat(t.trainable()).isEqualTo(8L * 10 * 4 + 4 + 10 * 8 + 8);
      t.randomizeParameters(0.5);
      double[][] xs = new double[B][];
      for (int i = 0; i < B; i++) {
        xs[i] = Arrays.copyOfRange(t.xv, i * 10, i * 10 + 10);
      }
      double[][] r =
          Naive.map(
              Naive.linear(xs, t.p("head/routing/fc/kernel"), t.p("head/routing/fc/bias"), 8),
              Naive::sigmoid);
      double[] w = t.p("head/fc/kernels");
      double[] bias = t.p("head/fc/bias");
      double[] expected = new double[B * 4];
      for (int b = 0; b < B; b++) {
        for (int o = 0; o < 4; o++) {
          double s = bias[o];
          for (int e = 0; e < 8; e++) {
            for (int i = 0; i < 10; i++) {
              s += r[b][e] * w[(e * 10 + i) * 4 + o] * xs[b][i];
            }
          }
          expected[b * 4 + o] = s;
        }
      }
      t.assertMatches(y, expected, 1e-9);
      assertThat(t.gradientCheck(y, 4)).isLessThan(1e-5);
    }
  }
}
