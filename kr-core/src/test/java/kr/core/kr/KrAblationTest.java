package kr.core.kr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.layers.ConvGeometry;
import kr.core.model.InputSpec;
import kr.core.testing.TestGraph;
import kr.core.testing.TinyKrNet;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

/**
 * The two Table 6 ablation switches of {@link KrConfig}: which parameters exist and what d_0
 * becomes.
 */
class KrAblationTest {
  private static final int BATCH = 3;

  @Test
  void withoutLowFrequencyD0IsOneLearnedVectorForTheWholeBatch() {
    KrConfig cfg = KrConfig.kr4x().withoutFrequencyInit();
    assertThat(cfg.frequencyInit()).isFalse();
    assertThat(cfg.label()).isEqualTo("kr4x-no-lowfreq");
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> images = randomImages(g, 5);
      KernelRepresentation<TFloat64> d0 = new InitialRepresentation(cfg).apply(ctx, images);
      assertThat(d0.dim()).isEqualTo(64);
      assertThat(ctx.store().find("d0/proj/kernel")).isEmpty();
      assertThat(ctx.store().find("d0/vector").orElseThrow().spec().dims()).containsExactly(1, 64);
      double[] d = g.run(Map.of(), d0.value()).get(0);
      assertThat(d).hasSize(BATCH * 64);
      for (int b = 1; b < BATCH; b++) {
        for (int j = 0; j < 64; j++) {
          assertThat(d[b * 64 + j]).as("sample %d, d0[%d]", b, j).isEqualTo(d[j]);
        }
      }
      // The truncated-normal(0.02) initial vector is not all zeros, so equality is not trivial.
      assertThat(Arrays.stream(d).limit(64).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-4);
    }
  }

  @Test
  void withLowFrequencyD0DependsOnTheImage() {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.TRAINING);
      KernelRepresentation<TFloat64> d0 =
          new InitialRepresentation(KrConfig.kr4x()).apply(ctx, randomImages(g, 6));
      assertThat(ctx.store().find("d0/vector")).isEmpty();
      assertThat(ctx.store().find("d0/proj/kernel").orElseThrow().spec().dims())
          .containsExactly(192, 64);
      double[] d = g.run(Map.of(), d0.value()).get(0);
      double diff = 0;
      for (int j = 0; j < 64; j++) {
        diff = Math.max(diff, Math.abs(d[64 + j] - d[j]));
      }
      assertThat(diff).isGreaterThan(1e-3);
    }
  }

  @Test
  void withoutKrBatchNormTheGeneratedRepresentationHasNoNormParameters() {
    KrConfig off = KrConfig.kr4x().withoutKrBatchNorm();
    assertThat(off.label()).isEqualTo("kr4x-no-bn");
    List<String> with = parameterPaths(KrConfig.kr4x());
    List<String> without = parameterPaths(off);
    List<String> bn = with.stream().filter(p -> p.contains("/krg_bn/")).toList();
    // Two KR layers, each with gamma, beta and the two moving statistics.
    assertThat(bn).hasSize(8);
    assertThat(bn)
        .allMatch(
            p ->
                p.endsWith("/gamma")
                    || p.endsWith("/beta")
                    || p.endsWith("/moving_mean")
                    || p.endsWith("/moving_var"));
    assertThat(without).noneMatch(p -> p.contains("krg_bn"));
    // Everything else is unchanged.
    assertThat(without)
        .containsExactlyInAnyOrderElementsOf(
            with.stream().filter(p -> !p.contains("/krg_bn/")).toList());
  }

  @Test
  void withoutKrBatchNormTheNewRepresentationIsTheRawKrgOutput() {
    // With BatchNorm in training mode each new column of d has batch mean 0; without it, it
    // generally does not.
    assertThat(maxNewColumnMean(KrConfig.kr4x())).isLessThan(1e-9);
    assertThat(maxNewColumnMean(KrConfig.kr4x().withoutKrBatchNorm())).isGreaterThan(1e-4);
  }

  @Test
  void d0BatchNormGivesEveryColumnOfD0BatchMeanZeroAndVarianceOne() {
    KrConfig cfg = KrConfig.kr4x().withD0BatchNorm();
    assertThat(cfg.label()).isEqualTo("kr4x-d0bn");
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.TRAINING);
      KernelRepresentation<TFloat64> d0 =
          new InitialRepresentation(cfg).apply(ctx, randomImages(g, 8));
      assertThat(ctx.store().find("d0/bn/gamma")).isPresent();
      double[] d = g.run(Map.of(), d0.value()).get(0);
      for (int j = 0; j < 64; j++) {
        double mean = 0;
        double square = 0;
        for (int b = 0; b < BATCH; b++) {
          mean += d[b * 64 + j] / BATCH;
          square += d[b * 64 + j] * d[b * 64 + j] / BATCH;
        }
        assertThat(mean).as("batch mean of d0[%d]", j).isCloseTo(0, within(1e-9));
        // Biased batch variance, as BatchNorm normalises with it: var/(var + ε) with ε = 1e-5, a
        // little below 1 where the projection barely varies over these three images.
        assertThat(square - mean * mean).as("batch variance of d0[%d]", j).isBetween(0.5, 1.0);
      }
    }
    assertThat(parameterPaths(KrConfig.kr4x())).noneMatch(p -> p.startsWith("d0/bn/"));
  }

  @Test
  void d0BatchNormNeedsTheLowFrequencyD0() {
    assertThatThrownBy(() -> KrConfig.kr4x().withoutFrequencyInit().withD0BatchNorm())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("d0BatchNorm")
        .hasMessageContaining("needs d_0 from the low frequencies");
  }

  private static double maxNewColumnMean(KrConfig cfg) {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> images = randomImages(g, 7);
      KrState<TFloat64> s =
          new KrState<>(images, new InitialRepresentation(cfg).apply(ctx, images));
      s = new KrConv2d("conv1", ConvGeometry.of(3, 4, 3, 1), cfg, 8).apply(ctx, s);
      double[] d = g.run(Map.of(), s.d().value()).get(0);
      int dim = 64 + 8;
      double worst = 0;
      for (int j = 64; j < dim; j++) {
        double mean = 0;
        for (int b = 0; b < BATCH; b++) {
          mean += d[b * dim + j] / BATCH;
        }
        worst = Math.max(worst, Math.abs(mean));
      }
      return worst;
    }
  }

  private static List<String> parameterPaths(KrConfig cfg) {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.TRAINING);
      new TinyKrNet(cfg, InputSpec.square(8, 3), 3, 4, 8).logits(ctx, randomImages(g, 1));
      return ctx.store().all().stream().map(Parameter::path).toList();
    }
  }

  private static Operand<TFloat64> randomImages(TestGraph g, long seed) {
    double[] v = TestGraph.random(new Random(seed), BATCH * 8 * 8 * 3);
    return g.input64(v, BATCH, 8, 8, 3);
  }
}
