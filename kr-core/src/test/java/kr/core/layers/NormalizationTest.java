package kr.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.testing.GradientCheck;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class NormalizationTest {

  @Test
  void batchNormTrainingNormalisesWithBatchStatistics() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      // Two channels over a batch of 4: channel 0 = 1,2,3,4 (mean 2.5, var 1.25), channel 1 = 0.
      Operand<TFloat64> x = g.input64(new double[] {1, 0, 2, 0, 3, 0, 4, 0}, 4, 2);
      double[] y = g.eval(new BatchNorm("bn").apply(ctx, x));
      double s = 1 / Math.sqrt(1.25 + 1e-5);
      assertThat(y)
          .containsExactly(
              new double[] {-1.5 * s, 0, -0.5 * s, 0, 0.5 * s, 0, 1.5 * s, 0}, within(1e-12));
    }
  }

  @Test
  void batchNormUpdatesMovingAveragesAndUsesThemForInference() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> train = g.context64(Mode.TRAINING);
      Operand<TFloat64> x = g.input64(new double[] {1, 2, 3, 4}, 4, 1);
      new BatchNorm("bn").apply(train, x);
      assertThat(train.updates()).hasSize(2);
      Operand<TFloat64> infer = new BatchNorm("bn").apply(train.withMode(Mode.INFERENCE), x);
      assertThat(train.store().size()).isEqualTo(4);
      g.init();
      g.runTargets(train.updates());
      // moving mean = 0.9·0 + 0.1·2.5; moving var = 0.9·1 + 0.1·(1.25·4/3) (unbiased).
      double mean = 0.25;
      double var = 0.9 + 0.1 * 1.25 * 4 / 3;
      double[] y = g.eval(infer);
      for (int i = 0; i < 4; i++) {
        assertThat(y[i]).isCloseTo((i + 1 - mean) / Math.sqrt(var + 1e-5), within(1e-12));
      }
    }
  }

  @Test
  void batchNormGradientMatchesFiniteDifferences() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      double[] xv = TestGraph.random(new Random(2), 3 * 2 * 2 * 3);
      Operand<TFloat64> x = g.input64(xv, 3, 2, 2, 3);
      Operand<TFloat64> y = new BatchNorm("bn").apply(ctx, x);
      assertThat(new GradientCheck(g).check(ctx, y, List.of(x), Map.of(x, xv))).isLessThan(1e-5);
    }
  }

  @Test
  void layerNormNormalisesEachTokenAndDifferentiates() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      double[] xv = {1, 2, 3, 5, 5, 5};
      Operand<TFloat64> x = g.input64(xv, 1, 2, 3);
      Operand<TFloat64> y = new LayerNorm("ln", 1e-6).apply(ctx, x);
      double s = 1 / Math.sqrt(2.0 / 3 + 1e-6);
      assertThat(g.eval(y)).containsExactly(new double[] {-s, 0, s, 0, 0, 0}, within(1e-9));
      double[] rv = TestGraph.random(new Random(4), 2 * 3 * 4);
      BuildContext<TFloat64> c2 = g.context64(Mode.TRAINING);
      Operand<TFloat64> r = g.input64(rv, 2, 3, 4);
      Operand<TFloat64> y2 = new LayerNorm("ln2").apply(c2, r);
      assertThat(new GradientCheck(g).check(c2, y2, List.of(r), Map.of(r, rv))).isLessThan(1e-5);
    }
  }

  @Test
  void geluIsExact() {
    try (TestGraph g = new TestGraph()) {
      double[] y =
          g.apply64(
              (c, x) -> Activation.GELU.apply(c, x), Mode.TRAINING, new double[] {-1, 0, 1, 2}, 4);
      assertThat(y)
          .containsExactly(
              new double[] {-0.15865525393145707, 0, 0.8413447460685429, 1.9544997361036416},
              within(1e-12));
    }
  }

  @Test
  void groupNormWithOneGroupNormalisesEachSampleOverAllPositionsAndChannels() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.INFERENCE);
      double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 30, 40, 50, 60, 70, 80};
      Operand<TFloat64> x = g.input64(v, 2, 2, 2, 2);
      Operand<TFloat64> y = new GroupNorm("gn").apply(ctx, x);
      assertThat(ctx.store().size()).isEqualTo(2); // gamma, beta
      double[] out = g.eval(y);
      double std = Math.sqrt(5.25 + 1e-5); // variance of 1..8 is 5.25
      double std2 = Math.sqrt(525 + 1e-5);
      for (int i = 0; i < 8; i++) {
        assertThat(out[i]).isCloseTo((v[i] - 4.5) / std, within(1e-9));
        assertThat(out[8 + i]).isCloseTo((v[8 + i] - 45) / std2, within(1e-9));
      }
    }
  }
}
