package kr.train.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * The closed set of optimizers, each a constructor from an {@link OptimizerSpec}. The update
 * formulas are PyTorch's ({@code torch.optim.AdamW}, {@code torch.optim.SGD}), run by TensorFlow's
 * fused training kernels ({@code ApplyAdam}, {@code ApplyMomentum}, {@code ApplyGradientDescent}):
 * one op per parameter in place of a dozen element-wise ops, which on a small CPU model is a
 * measurable part of the step. Every slot is a named variable the checkpoint saves.
 */
public enum Optimizers {
  /**
   * Adam with decoupled weight decay (Loshchilov &amp; Hutter), the paper's optimizer: {@code m ←
   * β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w·(1 − lr·wd) − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) +
   * ε)}.
   */
  ADAMW(Adam::decoupled),
  /**
   * Adam with coupled L2 ({@code torch.optim.Adam(weight_decay=wd)}, timm's {@code adam}, the
   * ODConv recipes' "adam-l2"): the decay joins the gradient before the moments, {@code g ← g +
   * wd·w; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) +
   * ε)}.
   */
  ADAM_L2(Adam::coupled),
  /**
   * SGD with momentum (and Nesterov if set), L2 weight decay on the gradient: {@code g ← g + wd·w;
   * b ← μ·b + g; w ← w − lr·(nesterov ? g + μ·b : b)}.
   */
  SGD(Sgd::new);

  private final Function<OptimizerSpec, Optimizer> constructor;

  Optimizers(Function<OptimizerSpec, Optimizer> constructor) {
    this.constructor = constructor;
  }

  public Optimizer create(OptimizerSpec spec) {
    return constructor.apply(spec);
  }

  static Operand<TFloat32> scalar(Ops tf, double v) {
    return tf.constant((float) v);
  }

  /** {@code g + wd·w}, PyTorch's coupled L2 decay (ADAM_L2, SGD); {@code g} itself when wd = 0. */
  private static Operand<TFloat32> withL2(Ops o, Operand<TFloat32> g, Parameter p, double wd) {
    return wd > 0 ? o.math.add(g, o.math.mul(scalar(o, wd), p.float32Value())) : g;
  }

  /**
   * Adam with bias correction; {@code decoupled}: AdamW (the weight decay shrinks the weights by
   * lr·wd, outside the moments), otherwise L2 (wd·w added to the gradient, through the moments).
   */
  private record Adam(OptimizerSpec spec, boolean decoupled) implements Optimizer {
    static Adam decoupled(OptimizerSpec spec) {
      return new Adam(spec, true);
    }

    static Adam coupled(OptimizerSpec spec) {
      return new Adam(spec, false);
    }

    @Override
    public String name() {
      return decoupled ? "adamw" : "adam_l2";
    }

    @Override
    public Op update(
        Ops tf,
        List<Parameter> params,
        List<Operand<TFloat32>> grads,
        Operand<TFloat32> lr,
        Operand<TFloat32> step,
        Slots slots) {
      Ops o = tf.withSubScope(name());
      Operand<TFloat32> b1 = scalar(o, spec.beta1());
      Operand<TFloat32> b2 = scalar(o, spec.beta2());
      Operand<TFloat32> b1Power = o.math.pow(b1, step);
      Operand<TFloat32> b2Power = o.math.pow(b2, step);
      // ApplyAdam adds ε to √v, PyTorch to √(v/(1−β2^t)): ε·√(1−β2^t) makes the two equal.
      Operand<TFloat32> epsilon =
          o.math.mul(scalar(o, spec.epsilon()), o.math.sqrt(o.math.sub(scalar(o, 1), b2Power)));
      List<Op> assigns = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        Operand<TFloat32> g = grads.get(i);
        double wd = spec.weightDecayOf(p);
        Ops apply = o;
        if (decoupled && wd > 0) {
          // w ← w·(1 − lr·wd) first; the Adam step does not depend on w, so the order is free.
          // The in-place write waits for the gradient, which waits for every gradient (the
          // barrier of TrainStep): no backward op may still read the old weights.
          Op decay =
              o.withControlDependencies(List.of(g))
                  .assign(
                      p.float32Variable(),
                      o.math.mul(
                          p.float32Value(),
                          o.math.sub(scalar(o, 1), o.math.mul(lr, scalar(o, wd)))));
          apply = o.withControlDependencies(List.of(decay));
        } else if (!decoupled) {
          g = withL2(o, g, p, wd);
        }
        Variable<TFloat32> m = slots.zeros(name() + "/m/" + p.path(), p.spec().shape());
        Variable<TFloat32> v = slots.zeros(name() + "/v/" + p.path(), p.spec().shape());
        assigns.add(
            apply.train.applyAdam(
                p.float32Variable(), m, v, b1Power, b2Power, lr, b1, b2, epsilon, g));
      }
      return tf.withControlDependencies(assigns).withName(name() + "_update").noOp();
    }
  }

  private record Sgd(OptimizerSpec spec) implements Optimizer {
    @Override
    public String name() {
      return "sgd";
    }

    @Override
    public Op update(
        Ops tf,
        List<Parameter> params,
        List<Operand<TFloat32>> grads,
        Operand<TFloat32> lr,
        Operand<TFloat32> step,
        Slots slots) {
      Ops o = tf.withSubScope("sgd");
      Operand<TFloat32> mu = scalar(o, spec.momentum());
      List<Op> assigns = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        Operand<TFloat32> g = grads.get(i);
        g = withL2(o, g, p, spec.weightDecayOf(p));
        if (spec.momentum() > 0) {
          Variable<TFloat32> b = slots.zeros(name() + "/momentum/" + p.path(), p.spec().shape());
          assigns.add(
              o.train.applyMomentum(
                  p.float32Variable(), b, lr, g, mu, ApplyMomentum.useNesterov(spec.nesterov())));
        } else {
          assigns.add(o.train.applyGradientDescent(p.float32Variable(), lr, g));
        }
      }
      return tf.withControlDependencies(assigns).withName("sgd_update").noOp();
    }
  }
}
