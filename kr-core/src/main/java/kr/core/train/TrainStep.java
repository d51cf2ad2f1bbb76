package kr.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Parameter;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One training step as a graph template, the only place KR-Java builds one: loss → gradients of the
 * explicit trainable list ({@code Graph.addGradients}) → a barrier → an optional {@link
 * GradientAggregation} (the all-reduce of data-parallel training) → optional global-norm clipping →
 * the {@link UpdateRule}'s update, grouped with the context's own update ops (e.g. BatchNorm
 * statistics) into one target, {@link #op()}.
 *
 * <pre>{@code
 * TrainStep step = TrainStep.builder(ctx, loss).clipNorm(1.0)
 *     .build(tf, UpdateRule.gradientDescent(), tf.constant(0.01f), tf.constant(1f));
 * session.runner().feed(images, batch).addTarget(step.op()).fetch(loss).run();
 * }</pre>
 *
 * <p><b>Why the barrier.</b> A parameter's value is an {@code Identity} of a ref variable, which
 * aliases the variable's buffer, and {@code Assign} writes that buffer in place. An update that ran
 * while another backward op (e.g. a MatMul's input gradient) still had to read the old weights
 * would change that op's result, making steps depend on the scheduler. So every gradient the rule
 * sees is an {@code Identity} gated on one {@code NoOp} ({@code gradients_done}) that depends on
 * all gradients: no update can start before every gradient exists.
 *
 * <p>A parameter the loss does not reach (an unused branch) gets a zero gradient and is listed in
 * {@link #unreached()}.
 */
public final class TrainStep {
  private final List<Parameter> params;
  private final List<Parameter> unreached;
  private final List<Operand<TFloat32>> gradients;
  private final List<Operand<TFloat32>> inputGradients;
  private final Operand<TFloat32> globalNorm;
  private final Op barrier;
  private final Op op;
  private final Map<String, Variable<TFloat32>> slots;

  private TrainStep(
      List<Parameter> params,
      List<Parameter> unreached,
      List<Operand<TFloat32>> gradients,
      List<Operand<TFloat32>> inputGradients,
      Operand<TFloat32> globalNorm,
      Op barrier,
      Op op,
      Map<String, Variable<TFloat32>> slots) {
    this.params = List.copyOf(params);
    this.unreached = List.copyOf(unreached);
    this.gradients = List.copyOf(gradients);
    this.inputGradients = List.copyOf(inputGradients);
    this.globalNorm = globalNorm;
    this.barrier = barrier;
    this.op = op;
    this.slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
  }

  /** A step on every trainable parameter of {@code ctx}'s store, running its updates too. */
  public static Builder builder(BuildContext<TFloat32> ctx, Operand<TFloat32> loss) {
    Checks.notNull("ctx", ctx);
    return new Builder(loss, ctx.store().trainable()).alsoRun(ctx.updates());
  }

  /** A step on an explicit trainable list. */
  public static Builder builder(Operand<TFloat32> loss, List<Parameter> params) {
    return new Builder(loss, params);
  }

  /** The single target that runs the whole step (gradients, update, extra ops). */
  public Op op() {
    return op;
  }

  /** The {@code NoOp} every gated gradient waits for. */
  public Op barrier() {
    return barrier;
  }

  /** The trainable parameters, in the order of {@link #gradients()}. */
  public List<Parameter> params() {
    return params;
  }

  /**
   * The gated gradients, aggregated ({@link Builder#aggregate}) but not clipped, one per parameter.
   */
  public List<Operand<TFloat32>> gradients() {
    return gradients;
  }

  /** Gradients of the loss with respect to {@link Builder#differentiate} inputs, gated too. */
  public List<Operand<TFloat32>> inputGradients() {
    return inputGradients;
  }

  /** The global L2 norm of {@link #gradients()} (a scalar). */
  public Operand<TFloat32> globalNorm() {
    return globalNorm;
  }

  /** Parameters the loss does not reach (their gradient is zero). */
  public List<Parameter> unreached() {
    return unreached;
  }

  /** The update rule's state variables by the names it declared, in declaration order. */
  public Map<String, Variable<TFloat32>> slots() {
    return slots;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> cast(Output<?> o) {
    return (Operand<TFloat32>) o;
  }

  /** Options of a {@link TrainStep}; {@link #build} adds the ops to the loss's graph. */
  public static final class Builder {
    private final Operand<TFloat32> loss;
    private final List<Parameter> params;
    private final List<Op> extra = new ArrayList<>();
    private final List<Operand<TFloat32>> inputs = new ArrayList<>();
    private double clipNorm;
    private GradientAggregation aggregation = GradientAggregation.NONE;

    private Builder(Operand<TFloat32> loss, List<Parameter> params) {
      this.loss = Checks.notNull("loss", loss);
      this.params = List.copyOf(Checks.notNull("params", params));
      Checks.check(!this.params.isEmpty(), "params", this.params, "must not be empty");
      for (Parameter p : this.params) {
        Checks.check(p.trainable(), "params", p.path(), "must be trainable");
        Checks.check(p.variable().type() == TFloat32.class, "params", p.path(), "must be float32");
      }
    }

    /** Clips the gradients to this global L2 norm before the update (0: off, the default). */
    public Builder clipNorm(double v) {
      Checks.check(
          v >= 0 && Double.isFinite(v), "clipNorm", v, "must be a finite number >= 0 (0 = off)");
      clipNorm = v;
      return this;
    }

    /**
     * Aggregates the gated gradients before clipping and the update ({@link
     * GradientAggregation#NONE} by default), e.g. their all-reduced mean over data-parallel
     * replicas.
     */
    public Builder aggregate(GradientAggregation a) {
      aggregation = Checks.notNull("aggregation", a);
      return this;
    }

    /** Ops that run with every step (BatchNorm moving statistics and the like). */
    public Builder alsoRun(List<Op> ops) {
      extra.addAll(Checks.notNull("ops", ops));
      return this;
    }

    /** Also computes the loss's gradient with respect to {@code input} (benchmarks time it). */
    public Builder differentiate(Operand<TFloat32> input) {
      inputs.add(Checks.notNull("input", input));
      return this;
    }

    /**
     * Builds the step.
     *
     * @param tf where the step's ops go (the graph of {@code loss})
     * @param rule the update rule
     * @param lr this step's learning rate (scalar)
     * @param step the 1-based update count (scalar)
     */
    public TrainStep build(Ops tf, UpdateRule rule, Operand<TFloat32> lr, Operand<TFloat32> step) {
      Checks.notNull("tf", tf);
      Checks.notNull("rule", rule);
      Checks.notNull("lr", lr);
      Checks.notNull("step", step);
      ExecutionEnvironment env = tf.scope().env();
      if (!(env instanceof Graph graph)) {
        throw new IllegalArgumentException(
            "tf must build a graph (TrainStep needs"
                + " Graph.addGradients), got "
                + env.getClass().getSimpleName());
      }
      int n = params.size();
      Output<?>[] xs = new Output<?>[n + inputs.size()];
      for (int i = 0; i < n; i++) {
        xs[i] = params.get(i).value().asOutput();
      }
      for (int i = 0; i < inputs.size(); i++) {
        xs[n + i] = inputs.get(i).asOutput();
      }
      Output<?>[] dys = graph.addGradients(loss.asOutput(), xs);
      Ops t = tf.withSubScope("train_step");
      List<Operand<TFloat32>> raw = new ArrayList<>();
      List<Parameter> unreached = new ArrayList<>();
      for (int i = 0; i < xs.length; i++) {
        if (dys[i] != null) {
          raw.add(cast(dys[i]));
        } else if (i < n) {
          unreached.add(params.get(i));
          raw.add(t.zerosLike(params.get(i).float32Value()));
        } else {
          raw.add(t.zerosLike(inputs.get(i - n)));
        }
      }
      Op barrier =
          t.withControlDependencies(new ArrayList<>(raw)).withName("gradients_done").noOp();
      Ops gated = t.withControlDependencies(List.of(barrier));
      List<Operand<TFloat32>> grads = new ArrayList<>();
      for (Operand<TFloat32> g : raw) {
        grads.add(gated.identity(g));
      }
      List<Operand<TFloat32>> paramGrads =
          aggregation == GradientAggregation.NONE
              ? grads.subList(0, n)
              : aggregated(t, grads.subList(0, n));
      Operand<TFloat32> norm = globalNorm(t, paramGrads);
      List<Operand<TFloat32>> applied = paramGrads;
      if (clipNorm > 0) {
        Operand<TFloat32> limit = t.constant((float) clipNorm);
        Operand<TFloat32> scale = t.math.div(limit, t.math.maximum(norm, limit));
        applied = new ArrayList<>();
        for (Operand<TFloat32> g : paramGrads) {
          applied.add(t.math.mul(g, scale));
        }
      }
      Map<String, Variable<TFloat32>> slots = new LinkedHashMap<>();
      Ops init = tf.withInitScope();
      Op update =
          rule.update(
              tf.withSubScope("optimizer"),
              params,
              applied,
              lr,
              step,
              (name, shape) -> {
                Checks.notNull("slot name", name);
                if (slots.containsKey(name)) {
                  throw new IllegalStateException("update-rule slot " + name + " declared twice");
                }
                Variable<TFloat32> v =
                    tf.withName("slot")
                        .variable(
                            // Fill, not Zeros: TF Java's Zeros opens a sub-scope, which scans the
                            // whole graph.
                            init.fill(init.constant(shape.asArray()), init.constant(0f)));
                slots.put(name, v);
                return v;
              });
      List<Op> all = new ArrayList<>();
      all.add(update);
      all.addAll(extra);
      all.addAll(grads.subList(n, grads.size()));
      Op op = tf.withControlDependencies(all).withName("train_step").noOp();
      return new TrainStep(
          params, unreached, paramGrads, grads.subList(n, grads.size()), norm, barrier, op, slots);
    }

    private List<Operand<TFloat32>> aggregated(Ops t, List<Operand<TFloat32>> grads) {
      List<Operand<TFloat32>> out =
          List.copyOf(Checks.notNull("aggregated gradients", aggregation.apply(t, params, grads)));
      Checks.check(
          out.size() == grads.size(),
          "aggregated gradients",
          out.size(),
          "must number the parameters (" + grads.size() + ")");
      return out;
    }

    private static Operand<TFloat32> globalNorm(Ops t, List<Operand<TFloat32>> grads) {
      List<Operand<TFloat32>> squares = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        squares.add(
            t.reduceSum(t.math.square(g), t.range(t.constant(0), t.rank(g), t.constant(1))));
      }
      return t.math.sqrt(squares.size() == 1 ? squares.get(0) : t.math.addN(squares));
    }
  }
}
