package kr.train.optim;

import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.graph.ParamSpec;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One trainable 2-vector {@code w} (zero until a test assigns it) in a training graph, for the
 * optimizer and weight-average tests.
 *
 * @param tf the graph's ops
 * @param parameter {@code w}
 */
record TwoWeights(Ops tf, Parameter parameter) {

  static TwoWeights create(Graph g) {
    Ops tf = Ops.create(g);
    BuildContext<TFloat32> ctx =
        BuildContext.create(tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), 1);
    ctx.param("w", ParamSpec.vector(2, Init.constant(0)));
    return new TwoWeights(tf, ctx.store().trainable().get(0));
  }

  /** The variable of {@code w}. */
  Variable<TFloat32> w() {
    return parameter.float32Variable();
  }

  /** A zero variable of {@code shape} set by the graph's initializers (a slot, a shadow). */
  Variable<TFloat32> zeros(Shape shape) {
    Ops init = tf.withInitScope();
    return tf.variable(init.zeros(init.constant(shape.asArray()), TFloat32.class));
  }

  /** The two values of a 2-vector variable. */
  static float[] read(Session s, Variable<TFloat32> v) {
    try (Result r = s.runner().fetch(v).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      return new float[] {t.getFloat(0), t.getFloat(1)};
    }
  }
}
