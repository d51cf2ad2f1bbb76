package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.layers.ConvGeometry;
import kr.core.testing.GradientCheck;
import kr.core.testing.NaiveDynamic;
import kr.core.testing.TestGraph;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat64;

/**
 * A float64 training graph for one method test: a random input, a temperature ≠ 1, random values
 * fed to every trainable parameter (so zero-initialised biases are exercised too) and readers of
 * those values for the naive computation.
 */
final class Harness implements AutoCloseable {
  static final double TEMPERATURE = 2.5;
  final TestGraph g = new TestGraph();
  final BuildContext<TFloat64> ctx;
  final Random rnd;
  private final Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
  private final Map<String, double[]> values = new HashMap<>();
  double[] xv;
  Operand<TFloat64> x;
  int b;
  int h;
  int w;
  int c;

  Harness(long seed) {
    ctx = g.context64(Mode.TRAINING);
    ctx.setTemperature(ctx.scalar(TEMPERATURE));
    rnd = new Random(seed);
  }

  /** A random NHWC input placeholder. */
  Operand<TFloat64> input(int batch, int height, int width, int channels) {
    b = batch;
    h = height;
    w = width;
    c = channels;
    xv = TestGraph.random(rnd, batch * height * width * channels);
    x = g.input64(xv, batch, height, width, channels);
    return x;
  }

  /** Feeds N(0, scale²) values to every trainable parameter (BN γ: 1 + N(0, 0.3²)). */
  Harness randomizeParameters(double scale) {
    for (Parameter p : ctx.store().trainable()) {
      double[] v = TestGraph.random(rnd, (int) p.size());
      boolean gamma = p.path().endsWith("/gamma");
      for (int i = 0; i < v.length; i++) {
        v[i] = gamma ? 1 + 0.3 * v[i] : scale * v[i];
      }
      values.put(p.path(), v);
      feeds.put(p.value(), TestGraph.tensor64(v, p.spec().dims()));
    }
    return this;
  }

  /** The fed value of the parameter at {@code path}. */
  double[] p(String path) {
    double[] v = values.get(path);
    assertThat(v).as("parameter %s (known: %s)", path, values.keySet()).isNotNull();
    return v;
  }

  double[] eval(Operand<?> y) {
    return g.run(feeds, y).get(0);
  }

  /** The graph output with the fed parameters equals the naive one. */
  void assertMatches(Operand<TFloat64> y, double[] expected, double tol) {
    double[] got = eval(y);
    assertThat(got).hasSize(expected.length);
    assertThat(got).containsExactly(expected, within(tol));
  }

  /** Finite-difference check with respect to the input and every trainable parameter. */
  double gradientCheck(Operand<TFloat64> y, int entries) {
    return new GradientCheck(g)
        .maxEntriesPerTensor(entries)
        .check(ctx, y, List.of(x), Map.of(x, xv));
  }

  long trainable() {
    return ctx.store().trainableCount();
  }

  /** Direct convolution of {@code in} [b, hi, wi, geometry.in] with per-sample kernels. */
  static double[] conv(ConvGeometry g, double[] in, int b, int hi, int wi, double[][] kern) {
    return NaiveDynamic.conv(
        in,
        b,
        hi,
        wi,
        g.in(),
        kern,
        g.kernel(),
        g.out(),
        g.groups(),
        g.stride(),
        g.padsFor(hi)[0],
        g.padsFor(wi)[0],
        (int) g.outSize(hi),
        (int) g.outSize(wi));
  }

  /** Direct convolution of this harness's input. */
  double[] conv(ConvGeometry g, double[][] kern) {
    return conv(g, xv, b, h, w, kern);
  }

  @Override
  public void close() {
    feeds.values().forEach(Tensor::close);
    g.close();
  }
}
