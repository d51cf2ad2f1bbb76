package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import kr.backbones.api.BlockKind;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.layers.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class DcdTest {
  static final int B = 3;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(BlockKind.BASIC, ConvGeometry.of(4, 6, 3, 2)),
        Arguments.of(BlockKind.BOTTLENECK, ConvGeometry.of(16, 8, 1, 2)),
        Arguments.of(BlockKind.INVERTED_RESIDUAL, ConvGeometry.of(8, 48, 1, 1)),
        Arguments.of(BlockKind.INVERTED_RESIDUAL, ConvGeometry.of(48, 8, 1, 1)));
  }

  /** y = Λ·(W0 ∗ x) + P(BN2(Φ·BN1(Qx)) + BN1(Qx)), every piece computed directly. */
  static double[] naive(Harness t, ConvGeometry g, BlockKind kind) {
    Dcd.Sizes z = new Dcd().sizes(kind, g.in(), g.out());
    int l = z.latent();
    double[][] y =
        Naive.linear(
            Naive.pool(t.xv, t.b, t.h, t.w, t.c, z.pool()), t.p("l/fc/kernel"), null, z.squeeze());
    y = se(t, "l/se/kernel", y);
    double[][] phi = Naive.linear(y, t.p("l/phi/kernel"), null, l * l);
    double[][] scale =
        Naive.map(Naive.linear(y, t.p("l/scale/kernel"), null, g.out()), Naive::hsigmoid3);
    double[] main = t.conv(g, Naive.shared(t.p("l/conv/kernel"), t.b));
    ConvGeometry q = ConvGeometry.of(g.in(), l, 1, g.stride());
    double[] qx = t.conv(q, Naive.shared(t.p("l/q/kernel"), t.b));
    int ho = (int) g.outSize(t.h);
    int wo = (int) g.outSize(t.w);
    int hw = ho * wo;
    double[][] r = Naive.batchNorm(rows(qx, l), t.p("l/bn1/gamma"), t.p("l/bn1/beta"));
    double[][] mixed = new double[t.b * hw][l];
    for (int b = 0; b < t.b; b++) {
      for (int p = 0; p < hw; p++) {
        for (int i = 0; i < l; i++) {
          double s = 0;
          for (int j = 0; j < l; j++) {
            s += phi[b][i * l + j] * r[b * hw + p][j];
          }
          mixed[b * hw + p][i] = s;
        }
      }
    }
    double[][] bn2 = Naive.batchNorm(mixed, t.p("l/bn2/gamma"), t.p("l/bn2/beta"));
    double[] zsum = new double[t.b * hw * l];
    for (int i = 0; i < t.b * hw; i++) {
      for (int j = 0; j < l; j++) {
        zsum[i * l + j] = bn2[i][j] + r[i][j];
      }
    }
    double[] dyn =
        Harness.conv(
            ConvGeometry.of(l, g.out(), 1, 1),
            zsum,
            t.b,
            ho,
            wo,
            Naive.shared(t.p("l/p/kernel"), t.b));
    double[] out = new double[main.length];
    for (int i = 0; i < out.length; i++) {
      int b = i / (hw * g.out());
      out[i] = scale[b][i % g.out()] * main[i] + dyn[i];
    }
    return out;
  }

  static double[][] se(Harness t, String path, double[][] y) {
    double[][] gate = Naive.map(Naive.linear(y, t.p(path), null, y[0].length), Naive::hsigmoid3);
    double[][] out = new double[y.length][y[0].length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y[0].length; j++) {
        out[i][j] = y[i][j] * gate[i][j];
      }
    }
    return out;
  }

  static double[][] rows(double[] flat, int width) {
    double[][] r = new double[flat.length / width][];
    for (int i = 0; i < r.length; i++) {
      r[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
    }
    return r;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesTheDirectComputation(BlockKind kind, ConvGeometry g) {
    try (Harness t = new Harness(51)) {
      Operand<TFloat64> y = new Dcd().layer(t.ctx, "l", g, t.input(B, 5, 6, g.in()), kind);
      t.randomizeParameters(0.4);
      t.assertMatches(y, naive(t, g, kind), 1e-9);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(BlockKind kind, ConvGeometry g) {
    if (kind == BlockKind.BOTTLENECK || kind == BlockKind.INVERTED_RESIDUAL && g.in() > g.out()) {
      return; // same graph as the other cases with other sizes; keeps the suite fast
    }
    try (Harness t = new Harness(52)) {
      Operand<TFloat64> y = new Dcd().layer(t.ctx, "l", g, t.input(B, 4, 4, g.in()), kind);
      assertThat(t.gradientCheck(y, 2)).isLessThan(1e-5);
    }
  }

  @Test
  void sizesFollowTheReference() {
    Dcd d = new Dcd();
    // BasicBlock 64 → 64: fin 256, L 16, s 16; 512: fin 2048, L 45, s 128.
    assertThat(d.sizes(BlockKind.BASIC, 64, 64)).isEqualTo(new Dcd.Sizes(2, 256, 16, 16));
    assertThat(d.sizes(BlockKind.BASIC, 512, 512)).isEqualTo(new Dcd.Sizes(2, 2048, 45, 128));
    // Bottleneck 64: L 8, s 4; 2048: L 45, s 128.
    assertThat(d.sizes(BlockKind.BOTTLENECK, 64, 64)).isEqualTo(new Dcd.Sizes(1, 64, 8, 4));
    assertThat(d.sizes(BlockKind.BOTTLENECK, 2048, 512)).isEqualTo(new Dcd.Sizes(1, 2048, 45, 128));
    // MBv2 expand 24 → 144: mul 4, red 8 → L = min(12, 18) = 12, 144 ≤ 192; s = 144//16 = 9.
    assertThat(d.sizes(BlockKind.INVERTED_RESIDUAL, 24, 144))
        .isEqualTo(new Dcd.Sizes(2, 96, 12, 9));
    // project 144 → 24: mul 1, red 2 → L = min(72, 12) = 12; s = 144//16 = 9.
    assertThat(d.sizes(BlockKind.INVERTED_RESIDUAL, 144, 24))
        .isEqualTo(new Dcd.Sizes(1, 144, 12, 9));
  }

  @Test
  void parametersOfOneLayer() {
    try (Harness t = new Harness(53)) {
      ConvGeometry g = ConvGeometry.of(4, 6, 3, 2);
      new Dcd().layer(t.ctx, "l", g, t.input(2, 5, 6, 4), BlockKind.BASIC);
      // fin 16, L 4, s 4
      long expected = 16 * 4 + 4 * 4 + 4 * 16 + 4 * 6 + 9 * 4 * 6 + 4 * 4 + 2 * 4 + 2 * 4 + 4 * 6;
      assertThat(t.trainable()).isEqualTo(expected);
    }
  }

  @Test
  void coversResNetBlockConvsAndMobileNetPointwiseConvsOfExpandingBlocks() {
    Dcd d = new Dcd();
    assertThat(d.covers(BlockSpec.basic(0, 8), ConvRole.BLOCK)).isTrue();
    assertThat(d.covers(BlockSpec.basic(0, 8), ConvRole.SHORTCUT)).isFalse();
    assertThat(d.covers(BlockSpec.invertedResidual(3, 17, 6), ConvRole.EXPAND)).isTrue();
    assertThat(d.covers(BlockSpec.invertedResidual(3, 17, 6), ConvRole.PROJECT)).isTrue();
    assertThat(d.covers(BlockSpec.invertedResidual(3, 17, 6), ConvRole.DEPTHWISE)).isFalse();
    assertThat(d.covers(BlockSpec.invertedResidual(0, 17, 1), ConvRole.PROJECT)).isFalse();
  }

  @Test
  void dynamicClassifierMatchesTheDirectComputation() {
    int in = 10;
    int classes = 4;
    int dim = Dcd.CLASSIFIER_DIM;
    try (Harness t = new Harness(54)) {
      Operand<TFloat64> x =
          t.g.tf.reshape(t.input(B, 1, 1, in), t.g.tf.constant(new long[] {B, in}));
      Operand<TFloat64> y =
          new Dcd()
              .classifier(
                  t.ctx,
                  x,
                  KernelRepresentation.none(),
                  ClassifierSpec.of(classes, 0, Init.lecunUniform()));
      assertThat(t.trainable())
          .isEqualTo(
              (long) in * dim
                  + dim * dim
                  + dim * dim * dim
                  + dim * classes
                  + in * classes
                  + classes
                  + in * dim
                  + 4 * dim
                  + dim * classes);
      t.randomizeParameters(0.3);
      double[][] xs = rows(t.xv, in);
      double[][] ys = se(t, "head/se/kernel", Naive.linear(xs, t.p("head/fc/kernel"), null, dim));
      double[][] phi = Naive.linear(ys, t.p("head/phi/kernel"), null, dim * dim);
      double[][] scale =
          Naive.map(Naive.linear(ys, t.p("head/scale/kernel"), null, classes), Naive::hsigmoid3);
      double[][] main = Naive.linear(xs, t.p("head/cls/kernel"), t.p("head/cls/bias"), classes);
      double[][] q =
          Naive.batchNorm(
              Naive.linear(xs, t.p("head/cls_q/kernel"), null, dim),
              t.p("head/bn1/gamma"),
              t.p("head/bn1/beta"));
      double[][] pq = new double[B][dim];
      for (int b = 0; b < B; b++) {
        for (int i = 0; i < dim; i++) {
          for (int j = 0; j < dim; j++) {
            pq[b][i] += phi[b][i * dim + j] * q[b][j];
          }
        }
      }
      double[][] bn2 = Naive.batchNorm(pq, t.p("head/bn2/gamma"), t.p("head/bn2/beta"));
      double[][] zs = new double[B][dim];
      for (int b = 0; b < B; b++) {
        for (int i = 0; i < dim; i++) {
          zs[b][i] = bn2[b][i] + q[b][i];
        }
      }
      double[][] dyn = Naive.linear(zs, t.p("head/cls_p/kernel"), null, classes);
      double[] expected = new double[B * classes];
      for (int b = 0; b < B; b++) {
        for (int o = 0; o < classes; o++) {
          expected[b * classes + o] = scale[b][o] * main[b][o] + dyn[b][o];
        }
      }
      t.assertMatches(y, expected, 1e-9);
    }
  }
}
