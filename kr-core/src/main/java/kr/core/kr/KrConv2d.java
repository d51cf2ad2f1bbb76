package kr.core.kr;

import java.util.List;
import kr.core.dynamic.DynamicConv2d;
import kr.core.dynamic.Strategy;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A convolution that is a KR layer when KR is enabled (one {@link KrUnit} feeding one {@link
 * DynamicConv2d}, d grows by {@code step}) and a plain {@link Conv2d} otherwise, so static and KR
 * networks are built from the same code path. The unit's pooled input is GAP of this convolution's
 * input.
 *
 * <p><b>FLOPs.</b> A KR convolution's kernels are charged what ODConv's are for the same work
 * (docs/flops-convention.md): the convolution, n·|W| kernel aggregation ({@link DynamicConv2d})
 * and, when the generator predicts ODConv's channel/filter/spatial attentions ({@link
 * AttentionMode#OMNI}), their scaling of the kernels, (n+1)·|W| for n &gt; 1 and |W| for n = 1
 * ({@code attention-scaling}): (2n+1)·|W| in all for n &gt; 1, as the paper's Tables 4 and 5 count
 * KR and ODConv alike; plus the unit's linears. The pooled input is not charged (pooling is not
 * counted; the paper's KR cells leave it out: with it MobileNetV2's come out 2–3.5% high).
 */
public final class KrConv2d {
  private final String name;
  private final ConvGeometry geometry;
  private final KrConfig config;
  private final int step;
  private final Strategy strategy;

  public KrConv2d(String name, ConvGeometry geometry, KrConfig config, int step) {
    this(name, geometry, config, step, Strategy.AUTO);
  }

  private KrConv2d(
      String name, ConvGeometry geometry, KrConfig config, int step, Strategy strategy) {
    this.name = Checks.notNull("name", name);
    this.geometry = Checks.notNull("geometry", geometry);
    this.config = Checks.notNull("config", config);
    this.step = Checks.positive("step", step);
    this.strategy = Checks.notNull("strategy", strategy);
  }

  public KrConv2d withStrategy(Strategy s) {
    return new KrConv2d(name, geometry, config, step, s);
  }

  public ConvGeometry geometry() {
    return geometry;
  }

  public <T extends TFloating> KrState<T> apply(BuildContext<T> ctx, KrState<T> in) {
    if (!config.enabled()) {
      return in.withX(new Conv2d(name, geometry).apply(ctx, in.x()));
    }
    BuildContext<T> c = ctx.child(name);
    Operand<T> pooled = Pooling.globalAverage(c.child("kr"), in.x());
    KrUnit unit = new KrUnit("kr", config, List.of(KernelSlot.conv("conv", geometry)), step);
    KrUnit.Output<T> out = unit.apply(c, pooled, in.d());
    Operand<T> y =
        new DynamicConv2d("conv", geometry, config.multiplier())
            .withStrategy(strategy)
            .apply(c, in.x(), out.get(0));
    if (config.attention() == AttentionMode.OMNI) {
      int n = config.multiplier();
      c.countMacs("attention-scaling", (n == 1 ? 1L : n + 1L) * geometry.kernelSize());
    }
    return new KrState<>(y, out.next());
  }
}
