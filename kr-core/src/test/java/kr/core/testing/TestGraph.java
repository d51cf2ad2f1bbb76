package kr.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/** A graph + session for tests, with helpers to feed and fetch plain arrays. */
public final class TestGraph implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  public final Session session = new Session(graph);
  private final Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
  private boolean initialized;

  public <T extends TFloating> BuildContext<T> context(Class<T> type, Mode mode, long seed) {
    return BuildContext.create(tf, type, mode, new ParameterStore(), seed);
  }

  public BuildContext<TFloat64> context64(Mode mode) {
    return context(TFloat64.class, mode, 7);
  }

  /** A placeholder of the given static shape, fed with {@code values}. */
  public Operand<TFloat64> input64(double[] values, long... dims) {
    Placeholder<TFloat64> p = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(dims)));
    feeds.put(p, tensor64(values, dims));
    return p;
  }

  public Operand<TFloat32> input32(float[] values, long... dims) {
    Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
    feeds.put(p, TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false)));
    return p;
  }

  public static TFloat64 tensor64(double[] values, long... dims) {
    return TFloat64.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false));
  }

  public void init() {
    if (!initialized) {
      session.initialize();
      initialized = true;
    }
  }

  /** Runs {@code outputs} with the registered feeds plus {@code extra}; values as doubles. */
  public List<double[]> run(Map<Operand<?>, Tensor> extra, Operand<?>... outputs) {
    init();
    Session.Runner r = session.runner();
    feeds.forEach(
        (k, v) -> {
          if (!extra.containsKey(k)) {
            r.feed(k, v);
          }
        });
    extra.forEach(r::feed);
    for (Operand<?> o : outputs) {
      r.fetch(o);
    }
    List<double[]> out = new ArrayList<>();
    try (Result res = r.run()) {
      for (int i = 0; i < outputs.length; i++) {
        out.add(toDoubles(res.get(i)));
      }
    }
    return out;
  }

  /** Runs ops for their effect (e.g. assignments), with the registered feeds. */
  public void runTargets(List<Op> ops) {
    init();
    Session.Runner r = session.runner();
    feeds.forEach(r::feed);
    ops.forEach(r::addTarget);
    r.run().close();
  }

  public double[] eval(Operand<?> output) {
    return run(Map.of(), output).get(0);
  }

  public static double[] toDoubles(Tensor t) {
    double[] d = new double[(int) t.shape().size()];
    if (t instanceof TFloat64 f) {
      f.copyTo(DataBuffers.of(d, false, false));
    } else if (t instanceof TFloat32 f) {
      float[] a = new float[d.length];
      f.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
    } else {
      throw new IllegalArgumentException("unsupported tensor type " + t.dataType());
    }
    return d;
  }

  public static double[] random(Random rnd, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = rnd.nextGaussian();
    }
    return d;
  }

  public static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Override
  public void close() {
    feeds.values().forEach(Tensor::close);
    session.close();
    graph.close();
  }

  /** Convenience for a one-layer check: builds {@code f} on an input and evaluates it. */
  public double[] apply64(
      BiFunction<BuildContext<TFloat64>, Operand<TFloat64>, Operand<TFloat64>> f,
      Mode mode,
      double[] x,
      long... dims) {
    BuildContext<TFloat64> ctx = context64(mode);
    return eval(f.apply(ctx, input64(x, dims)));
  }
}
