package kr.bench.dynamic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrConfig;
import kr.core.kr.KrState;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Forward+backward time of one ResNet-18 block convolution built by each dynamic-kernel method (its
 * attention/routing included), next to the static convolution, in one run. The block is the
 * network's last BasicBlock, where every method (CondConv included) is dynamic.
 */
public final class MethodBenchmark {
  private static final int BLOCKS = 8;

  /** One measured row. */
  public record Row(LayerCase layer, String method, double millis, double staticMillis) {}

  private final int warmup;
  private final int reps;

  public MethodBenchmark(int warmup, int reps) {
    this.warmup = warmup;
    this.reps = reps;
  }

  /** Methods by name; "kr1x"/"kr4x" are KR (d of width 64 + 7·32 fed in, as at the last block). */
  public List<Row> run(List<LayerCase> convs, List<String> methods, Consumer<Row> progress) {
    List<Row> rows = new ArrayList<>();
    for (LayerCase c : convs) {
      double stat = time(c, "static");
      for (String m : methods) {
        Row r = new Row(c, m, m.equals("static") ? stat : time(c, m), stat);
        rows.add(r);
        progress.accept(r);
      }
    }
    return rows;
  }

  private static DynamicKernelMethod method(String name) {
    return switch (name) {
      case "kr1x" -> new KrMethod(KrConfig.kr1x());
      case "kr4x" -> new KrMethod(KrConfig.kr4x());
      default -> DynamicKernelMethods.get(name);
    };
  }

  double time(LayerCase c, String methodName) {
    DynamicKernelMethod m = method(methodName);
    boolean kr = methodName.startsWith("kr");
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), 1);
      Operand<TFloat32> x =
          tf.identity(
              tf.variable(
                  tf.random.statelessRandomNormal(
                      tf.constant(new long[] {c.batch(), c.spatial(), c.spatial(), c.in()}),
                      tf.constant(new long[] {1, 2}))));
      KernelRepresentation<TFloat32> d =
          kr
              ? KernelRepresentation.of(
                  tf.identity(
                      tf.variable(
                          tf.random.statelessRandomNormal(
                              tf.constant(new long[] {c.batch(), 64 + 7 * 32}),
                              tf.constant(new long[] {3, 4})))))
              : KernelRepresentation.none();
      BuildContext<TFloat32> block = ctx.child("block");
      BlockScope<TFloat32> scope = m.block(block, BlockSpec.basic(BLOCKS - 1, BLOCKS), x);
      KrState<TFloat32> out =
          scope.conv(block, "conv", c.conv(), new KrState<>(x, d), ConvRole.BLOCK);
      Operand<TFloat32> y = out.x();
      Operand<TFloat32> loss =
          tf.reduceSum(tf.math.square(y), tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
      if (out.d().isPresent()) {
        // KR's generator (KRG) only feeds the next d: include it so its gradient is computed.
        loss =
            tf.math.add(
                loss, tf.reduceSum(tf.math.square(out.d().value()), tf.constant(new int[] {0, 1})));
      }
      return StepTimer.medianMillis(session, ctx, x, loss, warmup, reps);
    }
  }

  public static String markdown(List<Row> rows) {
    StringBuilder sb =
        new StringBuilder(
            "| layer | shape | method | fwd+bwd ms | × static |\n" + "|---|---|---|---:|---:|\n");
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.2f | %.2f |%n",
              r.layer().layer(),
              r.layer().shape(),
              r.method(),
              r.millis(),
              r.millis() / r.staticMillis()));
    }
    return sb.toString();
  }
}
