package kr.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Parameter;
import kr.core.train.TrainStep;
import kr.core.train.UpdateRule;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A minimal Adam step over a context's trainable parameters, for core's training tests: a {@link
 * TrainStep} with TensorFlow's {@code ApplyAdam} as the update rule.
 */
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
    UpdateRule adam =
        (o, params, grads, lrIn, stepIn, slots) -> {
          List<Op> updates = new ArrayList<>();
          for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            @SuppressWarnings("unchecked")
            Variable<TFloat32> v = (Variable<TFloat32>) p.variable();
            Variable<TFloat32> m = slots.zeros("m/" + p.path(), p.spec().shape());
            Variable<TFloat32> s = slots.zeros("v/" + p.path(), p.spec().shape());
            updates.add(
                o.train.applyAdam(
                    v,
                    m,
                    s,
                    beta1Power,
                    beta2Power,
                    lrIn,
                    o.constant(0.9f),
                    o.constant(0.999f),
                    o.constant(1e-8f),
                    grads.get(i)));
          }
          return o.withControlDependencies(updates).noOp();
        };
    step.add(TrainStep.builder(ctx, loss).build(tf, adam, tf.constant(lr), tf.constant(1f)).op());
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
