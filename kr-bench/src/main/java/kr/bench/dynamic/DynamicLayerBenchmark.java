package kr.bench.dynamic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import kr.core.dynamic.DynamicConv2d;
import kr.core.dynamic.DynamicLinear;
import kr.core.dynamic.KernelCoefficients;
import kr.core.dynamic.Strategy;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.kr.AttentionMode;
import kr.core.layers.Conv2d;
import kr.core.layers.Linear;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Times one training step's worth of work (forward + backward to the input and the parameters) of a
 * static layer and of its dynamic counterpart with n kernels, per execution strategy, in the same
 * process and run, so the ratios are side by side.
 */
public final class DynamicLayerBenchmark {

  /** One measured row. */
  public record Row(
      LayerCase layer,
      String variant,
      Strategy strategy,
      double millis,
      double staticMillis,
      String note) {
    public double ratio() {
      return millis / staticMillis;
    }
  }

  private final int warmup;
  private final int reps;
  private final AttentionMode attention;

  public DynamicLayerBenchmark(int warmup, int reps, AttentionMode attention) {
    this.warmup = warmup;
    this.reps = reps;
    this.attention = attention;
  }

  public List<Row> run(List<LayerCase> cases, List<Integer> multipliers, Consumer<Row> progress) {
    List<Row> rows = new ArrayList<>();
    for (LayerCase c : cases) {
      double stat = time(c, 0, Strategy.AUTO);
      Row base = new Row(c, "static", Strategy.AUTO, stat, stat, "");
      rows.add(base);
      progress.accept(base);
      for (int n : multipliers) {
        Strategy auto = autoChoice(c, n);
        for (Strategy s : Strategy.values()) {
          if (s == Strategy.AUTO) {
            continue;
          }
          String why = unsupported(c, s);
          Row r =
              why.isEmpty()
                  ? new Row(c, "dynamic n=" + n, s, time(c, n, s), stat, s == auto ? "auto" : "")
                  : new Row(c, "dynamic n=" + n, s, Double.NaN, stat, why);
          rows.add(r);
          progress.accept(r);
        }
      }
    }
    return rows;
  }

  private boolean spatial(LayerCase c) {
    return attention == AttentionMode.OMNI && c.isConv() && c.conv().kernel() > 1;
  }

  private Strategy autoChoice(LayerCase c, int n) {
    return c.isConv()
        ? new DynamicConv2d("x", c.conv(), n).strategyFor(c.spatial(), c.spatial(), spatial(c))
        : new DynamicLinear("x", c.out(), n).strategyFor(c.tokens(), c.in());
  }

  private String unsupported(LayerCase c, Strategy s) {
    if (!c.isConv() && (s == Strategy.GROUPED_BATCH || s == Strategy.PATCH_MIXTURE)) {
      return "convolutions only";
    }
    if (c.isConv() && s == Strategy.PATCH_MIXTURE && c.conv().groups() > 1) {
      return "dense convolutions only";
    }
    if (c.isConv() && s == Strategy.MIXTURE && spatial(c)) {
      return "no per-sample spatial attention";
    }
    if (c.isConv() && s == Strategy.GROUPED_BATCH && !c.conv().depthwise()) {
      return "no grouped-filter gradient on CPU";
    }
    return "";
  }

  /** Median milliseconds of one forward+backward; n = 0 is the static layer. */
  double time(LayerCase c, int n, Strategy s) {
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), 1);
      long[] dims =
          c.isConv()
              ? new long[] {c.batch(), c.spatial(), c.spatial(), c.in()}
              : new long[] {c.batch(), c.tokens(), c.in()};
      Operand<TFloat32> x =
          tf.variable(
              tf.random.statelessRandomNormal(tf.constant(dims), tf.constant(new long[] {1, 2})));
      Operand<TFloat32> xr = tf.identity(x);
      Operand<TFloat32> y;
      if (n == 0) {
        y =
            c.isConv()
                ? new Conv2d("l", c.conv()).apply(ctx, xr)
                : new Linear("l", c.out()).apply(ctx, xr);
      } else {
        KernelCoefficients<TFloat32> coeffs = coefficients(tf, c, n);
        y =
            c.isConv()
                ? new DynamicConv2d("l", c.conv(), n).withStrategy(s).apply(ctx, xr, coeffs)
                : new DynamicLinear("l", c.out(), n).withStrategy(s).apply(ctx, xr, coeffs);
      }
      Operand<TFloat32> loss =
          tf.reduceSum(tf.math.square(y), tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
      return StepTimer.medianMillis(session, ctx, xr, loss, warmup, reps);
    }
  }

  /** Coefficients as the KR unit produces them: softmax over n, sigmoid attentions. */
  private KernelCoefficients<TFloat32> coefficients(Ops tf, LayerCase c, int n) {
    Random rnd = new Random(n);
    Optional<Operand<TFloat32>> kernel =
        n == 1 && attention == AttentionMode.OMNI
            ? Optional.empty()
            : Optional.of(tf.nn.softmax(random(tf, rnd, c.batch(), n)));
    if (attention == AttentionMode.KERNEL_ONLY) {
      return new KernelCoefficients<>(kernel, Optional.empty(), Optional.empty(), Optional.empty());
    }
    boolean depthwise = c.isConv() && c.conv().depthwise();
    Optional<Operand<TFloat32>> spatial =
        spatial(c)
            ? Optional.of(
                tf.math.sigmoid(random(tf, rnd, c.batch(), c.conv().kernel() * c.conv().kernel())))
            : Optional.empty();
    return new KernelCoefficients<>(
        kernel,
        Optional.of(tf.math.sigmoid(random(tf, rnd, c.batch(), c.in()))),
        depthwise
            ? Optional.empty()
            : Optional.of(tf.math.sigmoid(random(tf, rnd, c.batch(), c.out()))),
        spatial);
  }

  private static Operand<TFloat32> random(Ops tf, Random rnd, int b, int w) {
    float[] v = new float[b * w];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return tf.constant(Shape.of(b, w), DataBuffers.of(v, true, false));
  }

  /** The rows as a Markdown table. */
  public static String markdown(List<Row> rows) {
    StringBuilder sb =
        new StringBuilder(
            "| model | layer | shape | variant | strategy | fwd+bwd ms | × static | note |\n"
                + "|---|---|---|---|---|---:|---:|---|\n");
    for (Row r : rows) {
      boolean stat = r.variant().equals("static");
      sb.append("| ")
          .append(r.layer().model())
          .append(" | ")
          .append(r.layer().layer())
          .append(" | ")
          .append(r.layer().shape())
          .append(" | ")
          .append(r.variant())
          .append(" | ")
          .append(stat ? "–" : r.strategy().name().toLowerCase())
          .append(" | ")
          .append(Double.isNaN(r.millis()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.millis()))
          .append(" | ")
          .append(Double.isNaN(r.millis()) ? "–" : String.format(Locale.ROOT, "%.2f", r.ratio()))
          .append(" | ")
          .append(r.note())
          .append(" |\n");
    }
    return sb.toString();
  }
}
