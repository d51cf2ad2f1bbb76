package kr.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.graph.BuildContext;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat64;

/**
 * Finite-difference gradient check in float64: compares the graph's analytic gradient of L = Σ y·R
 * (R fixed random) with respect to the given inputs and every trainable parameter with central
 * differences, fed through the parameter values (feeding the {@code Identity} read of a variable
 * overrides it without touching the variable).
 */
public final class GradientCheck {
  private final TestGraph g;
  private final Random rnd = new Random(42);
  private int maxEntries = 12;
  private double step = 1e-6;

  public GradientCheck(TestGraph g) {
    this.g = g;
  }

  public GradientCheck maxEntriesPerTensor(int n) {
    this.maxEntries = n;
    return this;
  }

  /**
   * Checks d(Σ y·R)/d(each probe) and returns the largest relative error seen.
   *
   * @param inputs fed placeholders (values as registered in the test graph) to include
   */
  public double check(
      BuildContext<TFloat64> ctx,
      Operand<TFloat64> y,
      List<Operand<TFloat64>> inputs,
      Map<Operand<TFloat64>, double[]> inputValues) {
    long[] ydims = y.shape().asArray();
    int ysize = 1;
    for (long d : ydims) {
      ysize *= (int) d;
    }
    Operand<TFloat64> r =
        g.tf.constant(Shape.of(ydims), DataBuffers.of(TestGraph.random(rnd, ysize), true, false));
    Operand<TFloat64> loss =
        g.tf.reduceSum(
            g.tf.math.mul(y, r), g.tf.range(g.tf.constant(0), g.tf.rank(y), g.tf.constant(1)));

    List<Operand<TFloat64>> probes = new ArrayList<>(inputs);
    List<double[]> base = new ArrayList<>();
    for (Operand<TFloat64> in : inputs) {
      base.add(inputValues.get(in));
    }
    for (Parameter p : ctx.store().trainable()) {
      @SuppressWarnings("unchecked")
      Operand<TFloat64> v = (Operand<TFloat64>) p.value();
      probes.add(v);
      base.add(g.eval(v));
    }
    Output<?>[] grads =
        g.graph.addGradients(
            loss.asOutput(), probes.stream().map(Operand::asOutput).toArray(Output[]::new));
    Operand<?>[] gradOps = new Operand<?>[grads.length];
    for (int i = 0; i < grads.length; i++) {
      gradOps[i] = grads[i];
    }
    List<double[]> analytic = g.run(Map.of(), gradOps);

    double worst = 0;
    for (int pi = 0; pi < probes.size(); pi++) {
      double[] values = base.get(pi);
      long[] dims = probes.get(pi).shape().asArray();
      int n = values.length;
      int entries = Math.min(maxEntries, n);
      for (int e = 0; e < entries; e++) {
        int idx = entries == n ? e : rnd.nextInt(n);
        double numeric =
            (evalLoss(loss, probes.get(pi), values, dims, idx, step)
                    - evalLoss(loss, probes.get(pi), values, dims, idx, -step))
                / (2 * step);
        double a = analytic.get(pi)[idx];
        double err = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
        assertThat(err)
            .as(
                "gradient of %s[%d]: analytic %s vs numeric %s",
                probes.get(pi).op().name(), idx, a, numeric)
            .isLessThan(1e-5);
        worst = Math.max(worst, err);
      }
    }
    return worst;
  }

  private double evalLoss(
      Operand<TFloat64> loss,
      Operand<TFloat64> probe,
      double[] values,
      long[] dims,
      int idx,
      double delta) {
    double[] v = values.clone();
    v[idx] += delta;
    try (Tensor t = TestGraph.tensor64(v, dims)) {
      return g.run(Map.of(probe, t), loss).get(0)[0];
    }
  }
}
