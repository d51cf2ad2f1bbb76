package kr.core.kr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.dynamic.Strategy;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.layers.ConvGeometry;
import kr.core.model.InputSpec;
import kr.core.testing.GradientCheck;
import kr.core.testing.TestGraph;
import kr.core.testing.TinyKrNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class KrUnitTest {

  @ParameterizedTest
  @EnumSource(AttentionMode.class)
  void wholeKrLayerGradientMatchesFiniteDifferences(AttentionMode mode) {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat64> ctx = g.context64(Mode.TRAINING);
      Random rnd = new Random(9);
      double[] xv = TestGraph.random(rnd, 3 * 5 * 5 * 3);
      double[] dv = TestGraph.random(rnd, 3 * 8);
      Operand<TFloat64> x = g.input64(xv, 3, 5, 5, 3);
      Operand<TFloat64> d = g.input64(dv, 3, 8);
      KrConfig cfg = KrConfig.kr(3).withAttention(mode).withAlphaEmbed(4);
      KrState<TFloat64> out =
          new KrConv2d("krconv", ConvGeometry.of(3, 4, 3, 1), cfg, 6)
              .withStrategy(Strategy.PER_SAMPLE)
              .apply(ctx, new KrState<>(x, KernelRepresentation.of(d)));
      assertThat(out.d().dim()).isEqualTo(8 + 6);
      Operand<TFloat64> both =
          g.tf.concat(
              List.of(g.tf.reshape(out.x(), g.tf.constant(new long[] {3, -1})), out.d().value()),
              g.tf.constant(1));
      double worst =
          new GradientCheck(g)
              .maxEntriesPerTensor(4)
              .check(ctx, both, List.of(x, d), Map.of(x, xv, d, dv));
      assertThat(worst).isLessThan(1e-5);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 32})
  void representationGrowsByTheStepPerLayer(int step) {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
      Operand<TFloat32> images = g.input32(new float[2 * 8 * 8 * 3], 2, 8, 8, 3);
      KrConfig cfg = KrConfig.kr4x();
      KrState<TFloat32> s =
          new KrState<>(images, new InitialRepresentation(cfg).apply(ctx, images));
      assertThat(s.d().dim()).isEqualTo(64);
      int layers = 5;
      for (int i = 0; i < layers; i++) {
        s =
            new KrConv2d("c" + i, ConvGeometry.of(i == 0 ? 3 : 4, 4, 3, 1), cfg, step)
                .apply(ctx, s);
      }
      assertThat(s.d().dim()).isEqualTo(64 + layers * step);
      assertThat(s.d().value().shape().asArray()).containsExactly(2, 64 + layers * step);
    }
  }

  @Test
  void staticAndDynamicOnlyVariantsCarryNoRepresentation() {
    for (KrConfig cfg : List.of(KrConfig.off(), KrConfig.dynamicOnly(4))) {
      try (TestGraph g = new TestGraph()) {
        var ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
        var net = new TinyKrNet(cfg, InputSpec.square(8, 3), 3, 4, 8);
        Operand<TFloat32> logits = net.logits(ctx, g.input32(new float[2 * 64 * 3], 2, 8, 8, 3));
        assertThat(logits.shape().asArray()).containsExactly(2, 3);
        assertThat(ctx.store().find("d0/proj/kernel")).isEmpty();
        assertThat(ctx.store().find("head/fc/kernel").orElseThrow().spec().dims())
            .containsExactly(4, 3);
        boolean dynamic = ctx.store().find("conv1/conv/kernels").isPresent();
        assertThat(dynamic).isEqualTo(cfg.enabled());
      }
    }
  }

  @Test
  void headSeesTheFinalRepresentation() {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
      new TinyKrNet(KrConfig.kr1x(), InputSpec.square(8, 3), 3, 4, 8)
          .logits(ctx, g.input32(new float[2 * 64 * 3], 2, 8, 8, 3));
      assertThat(ctx.store().find("head/fc/kernel").orElseThrow().spec().dims())
          .containsExactly(4 + 64 + 2 * 8, 3);
      assertThat(ctx.store().find("d0/proj/kernel").orElseThrow().spec().dims())
          .containsExactly(192, 64);
    }
  }

  @Test
  void badConfigurationsNameTheArgument() {
    assertThatThrownBy(() -> KrConfig.kr(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplier")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> KrConfig.kr4x().withStep(-16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step")
        .hasMessageContaining("-16");
    assertThatThrownBy(() -> KrConfig.kr4x().withD0Dim(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("d0Dim");
    assertThatThrownBy(() -> KrConfig.parse("4y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'4y'");
    assertThatThrownBy(
            () -> new KrUnit("u", KrConfig.off(), List.of(KernelSlot.linear("a", 2, 2)), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config");
    assertThatThrownBy(() -> KernelSlot.linear("a", -2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slot in")
        .hasMessageContaining("-2");
    assertThat(KrConfig.parse("4x")).isEqualTo(KrConfig.kr4x());
    assertThat(KrConfig.parse("off")).isEqualTo(KrConfig.off());
  }

  @Test
  void mismatchedRepresentationIsRejected() {
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.TRAINING);
      Operand<TFloat64> pooled = g.input64(new double[6], 2, 3);
      KrUnit unit = new KrUnit("u", KrConfig.kr4x(), List.of(KernelSlot.linear("fc", 3, 3)), 8);
      assertThatThrownBy(() -> unit.apply(ctx, pooled, KernelRepresentation.none()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("u kernel representation");
    }
  }
}
