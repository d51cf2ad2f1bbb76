package kr.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import kr.core.flops.CostLedger;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * FLOPs (multiply-accumulates of conv/linear layers per image, from the build ledger) and params of
 * the CNN backbones at the paper's ImageNet input (224×224 RGB, 1000 classes), against the paper's
 * Tables 4 and 5 ({@code docs/flops-convention.md}).
 *
 * <p>Static rows are exact integers, within 0.5% of the reference counts. KR rows are charged as
 * ODConv's convolutions are (docs/flops-convention.md: n·P kernel aggregation plus (n+1)·P, or P
 * for n = 1, for the channel/filter/spatial attentions' scaling, plus the pooled inputs), as the
 * paper's Tables 4 and 5 count them (KR4× − KR1× ≈ 7·P in every row), and are within 1% of the
 * paper cell; ResNet-18 slim, whose cells fit no reproducible count, and the v1.5 layout, which the
 * cells do not count, are pinned to our count. Every KR row checks both charges exactly, P = the
 * weights of every conv inside the blocks (stem, shortcuts and classifier static).
 *
 * <p>KR rows also check the representation: one KR unit per block conv (MobileNetV2: plus the final
 * 1×1), each growing d by the family's step, and the head's input = features + 64 + units × step.
 * (Graphs are built, never run, so every row is cheap.)
 */
class CnnFlopsTest {
  record Count(
      long macs,
      long params,
      long aggregation,
      long scaling,
      long headIn,
      int krUnits,
      long growth) {}

  static Count count(String name, KrConfig kr) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, new ParameterStore(), 0);
      Backbones.create(name, TestMethods.of(kr), InputSpec.imagenet(), 1000)
          .logits(ctx, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 224, 224, 3))));
      long agg = kind(ctx, "kernel-aggregation");
      long scaling = kind(ctx, "attention-scaling");
      var units =
          ctx.store().trainable().stream()
              .filter(p -> p.path().endsWith("/krg_out/kernel"))
              .toList();
      long growth = units.stream().mapToLong(p -> p.spec().dims()[1]).sum();
      long headIn = ctx.store().find("head/fc/kernel").orElseThrow().spec().dims()[0];
      return new Count(
          ctx.ledger().totalMacs(),
          ctx.store().trainableCount(),
          agg,
          scaling,
          headIn,
          units.size(),
          growth);
    }
  }

  private static long kind(BuildContext<TFloat32> ctx, String kind) {
    return ctx.ledger().entries().stream()
        .filter(e -> e.kind().equals(kind))
        .mapToLong(CostLedger.Entry::macs)
        .sum();
  }

  @ParameterizedTest(name = "{0} static = {1} MACs")
  @CsvSource({
    // name,             exact MACs,    reference,  params
    "resnet18,          1814073344, 1.814e9,  11689512",
    "resnet18-slim,     1345775616, 1.346e9,   4446632",
    "resnet50,          3857973248, 3.858e9,  25557032",
    "resnet50-v1.5,     4089184256, 4.089e9,  25557032",
    "mobilenetv2-1.0,    300774272, 300.8e6,   3504872",
    "mobilenetv2-0.75,   209069792, 209.1e6,   2636424",
    "mobilenetv2-0.5,     97131840,  97.1e6,   1968680"
  })
  void staticCounts(String name, long exact, double reference, long params) {
    Count c = count(name, KrConfig.off());
    assertThat(c.macs()).isEqualTo(exact);
    assertThat((double) c.macs()).isCloseTo(reference, within(0.005 * reference));
    assertThat(c.params()).isEqualTo(params);
    assertThat(c.aggregation()).isZero();
  }

  /**
   * @param paper the paper's cell
   * @param pinned our exact count where the cell is out of reach of an honest count, else 0
   * @param dynamicWeights P: weights of the convs inside the blocks
   * @param features pooled feature width
   * @param units KR layers
   * @param step growth of d per KR layer
   */
  @ParameterizedTest(name = "{0} {1}: paper {2}")
  @CsvSource({
    // name,           kr, paper,   pinned,     P,        features, units, step
    "resnet18,         1x, 1.85e9,  0,          10985472, 512,  16, 32",
    "resnet18,         4x, 1.93e9,  0,          10985472, 512,  16, 32",
    "resnet18-slim,    1x, 1.38e9,  1355604168,  4091904,  256,  16, 32",
    "resnet18-slim,    4x, 1.45e9,  1384253160,  4091904,  256,  16, 32",
    "resnet50,         1x, 3.93e9,  0,          20676608, 2048, 48, 16",
    "resnet50,         4x, 4.09e9,  0,          20676608, 2048, 48, 16",
    "resnet50-v1.5,    1x, 3.93e9,  4146340360,  20676608, 2048, 48, 16",
    "resnet50-v1.5,    4x, 4.09e9,  4291103656,  20676608, 2048, 48, 16",
    "mobilenetv2-1.0,  1x, 315e6,  0,          2188896,  1280, 51, 16",
    "mobilenetv2-1.0,  4x, 331e6,  0,          2188896,  1280, 51, 16",
    "mobilenetv2-0.75, 1x, 220e6,  0,          1328136,  1280, 51, 16",
    "mobilenetv2-0.75, 4x, 230e6,  0,          1328136,  1280, 51, 16",
    "mobilenetv2-0.5,  1x, 105e6,  0,          668704,   1280, 51, 16",
    "mobilenetv2-0.5,  4x, 109e6,  0,          668704,   1280, 51, 16"
  })
  void krCounts(
      String name,
      String kr,
      double paper,
      long pinned,
      long dynamicWeights,
      long features,
      int units,
      int step) {
    KrConfig config = KrConfig.parse(kr);
    Count c = count(name, config);
    assertThat(c.krUnits()).as("KR layers").isEqualTo(units);
    assertThat(c.growth()).isEqualTo((long) units * step);
    assertThat(c.headIn())
        .as("head input = features + dim(d)")
        .isEqualTo(features + config.d0Dim() + (long) units * step);
    int n = config.multiplier();
    assertThat(c.aggregation()).as("n·P").isEqualTo(n * dynamicWeights);
    assertThat(c.scaling()).as("(n+1)·P or P").isEqualTo((n == 1 ? 1 : n + 1) * dynamicWeights);
    if (pinned > 0) {
      assertThat(c.macs()).isEqualTo(pinned);
    } else {
      assertThat((double) c.macs()).isCloseTo(paper, within(0.01 * paper));
    }
  }
}
