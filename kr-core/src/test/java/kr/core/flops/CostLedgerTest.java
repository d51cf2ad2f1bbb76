package kr.core.flops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KernelSlot;
import kr.core.kr.KrConfig;
import kr.core.kr.KrUnit;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Linear;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/** Every layer's multiply-accumulates against hand counts. */
class CostLedgerTest {

  @Test
  void linearAndConvolutionCountsArePerSample() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat32> ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
      var x = g.input32(new float[4 * 10 * 10 * 3], 4, 10, 10, 3);
      var y = new Conv2d("stem", ConvGeometry.of(3, 8, 3, 2)).apply(ctx, x);
      new Conv2d("dw", ConvGeometry.depthwise(8, 3, 1)).apply(ctx, y);
      new Linear("fc", 5).apply(ctx, g.input32(new float[4 * 7 * 6], 4, 7, 6));
      assertThat(ctx.ledger().macsUnder("stem")).isEqualTo(5L * 5 * 9 * 3 * 8);
      assertThat(ctx.ledger().macsUnder("dw")).isEqualTo(5L * 5 * 9 * 8);
      assertThat(ctx.ledger().macsUnder("fc")).isEqualTo(7L * 6 * 5);
      assertThat(ctx.ledger().totalMacs()).isEqualTo(5 * 5 * 9 * 3 * 8 + 5 * 5 * 9 * 8 + 210);
    }
  }

  @Test
  void krUnitCountsFusionHeadsAndGenerator() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat32> ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
      var pooled = g.input32(new float[2 * 64], 2, 64);
      var d = KernelRepresentation.of(g.input32(new float[2 * 96], 2, 96));
      KrConfig cfg = KrConfig.kr4x();
      new KrUnit("u", cfg, List.of(KernelSlot.conv("c", ConvGeometry.of(64, 128, 3, 1))), 32)
          .apply(ctx, pooled, d);
      long hidden = (96 + 64) / 8;
      long heads = hidden * (4 + 64 + 128 + 9);
      long alphaEmbed = (4 + 64 + 128 + 9) * 32L;
      long generator = (hidden + 32) * 32;
      assertThat(ctx.ledger().totalMacs())
          .isEqualTo((96 + 64) * hidden + heads + alphaEmbed + generator);
    }
  }

  @Test
  void initialRepresentationCountsItsProjectionOnly() {
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat32> ctx = g.context(TFloat32.class, Mode.TRAINING, 1);
      new InitialRepresentation(KrConfig.kr4x())
          .apply(ctx, g.input32(new float[2 * 32 * 32 * 3], 2, 32, 32, 3));
      assertThat(ctx.ledger().totalMacs()).isEqualTo(192L * 64);
      assertThat(ctx.store().trainableCount()).isEqualTo(192L * 64 + 64);
    }
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> new CostLedger().add("x", "conv", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
