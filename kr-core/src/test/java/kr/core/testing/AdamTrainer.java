package kr.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** A minimal Adam step over a context's trainable parameters, for core's training tests. */
public final class AdamTrainer {
  private final TestGraph g;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final List<Op> step = new ArrayList<>();
  private int t;

  public AdamTrainer(TestGraph g, BuildContext<TFloat32> ctx, Operand<TFloat32> loss, float lr) {
    this.g = g;
    Ops tf = g.tf;
    beta1Power = tf.placeholder(TFloat32.class);
    beta2Power = tf.placeholder(TFloat32.class);
    List<Parameter> params = ctx.store().trainable();
    Output<?>[] grads = g.graph.addGradients(loss.asOutput(),
        params.stream().map(p -> p.value().asOutput()).toArray(Output[]::new));
    for (int i = 0; i < params.size(); i++) {
      @SuppressWarnings("unchecked")
      Variable<TFloat32> v = (Variable<TFloat32>) params.get(i).variable();
      Ops init = tf.withInitScope();
      Variable<TFloat32> m = init.variable(init.zeros(init.constant(v.shape()), TFloat32.class));
      Variable<TFloat32> s = init.variable(init.zeros(init.constant(v.shape()), TFloat32.class));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
      step.add(tf.train.applyAdam(v, m, s, beta1Power, beta2Power, tf.constant(lr),
          tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-8f), grad));
    }
    step.addAll(ctx.updates());
  }

  /** One step with extra feeds (the batch). */
  public void step(Map<Operand<?>, Tensor> batch) {
    t++;
    g.init();
    var r = g.session.runner();
    batch.forEach(r::feed);
    try (TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(0.9, t));
        TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(0.999, t))) {
      r.feed(beta1Power, b1).feed(beta2Power, b2);
      step.forEach(r::addTarget);
      r.run().close();
    }
  }
}
