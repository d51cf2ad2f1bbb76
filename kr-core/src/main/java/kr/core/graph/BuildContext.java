package kr.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import kr.core.flops.CostLedger;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Everything a module needs to build its forward pass into a graph: the ops factory, the
 * floating-point type, training or inference mode, the parameter store, the scope path, the update
 * ops (BatchNorm moving averages) and the cost ledger.
 *
 * <p>Modules are immutable descriptions; {@code apply(ctx, x)} declares their parameters through
 * {@link #param} under the context's path, so building the same module twice in one graph (a
 * training and an inference pass) shares its variables. A child context for a sub-module comes from
 * {@link #child}; the ops a module builds through its context's {@link #tf()} are named after the
 * path ({@code block3/mlp/fc1/MatMul}; variables {@code block3/mlp/fc1/kernel}), which is what
 * {@code kr profile} groups op times by.
 *
 * @param <T> the floating type of activations and parameters (float32 for training, float64 for
 *     gradient checks)
 */
public final class BuildContext<T extends TFloating> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

  private final Ops tf;
  private final Class<T> dtype;
  private final Mode mode;
  private final ParameterStore store;
  private final String path;
  private final Shared shared;

  /** State shared by a root context and all its children. */
  private static final class Shared {
    final long seed;
    final List<Op> updates = new ArrayList<>();
    final List<MovingAverage<?>> movingAverages = new ArrayList<>();
    final CostLedger ledger = new CostLedger();
    final List<Tap<?>> taps = new ArrayList<>();
    BatchStatistics batchStatistics = BatchStatistics.LOCAL;
    boolean deferMovingAverages;
    Operand<?> temperature;
    Operand<TInt64> randomStep;

    Shared(long seed) {
      this.seed = seed;
    }
  }

  private BuildContext(
      Ops tf, Class<T> dtype, Mode mode, ParameterStore store, String path, Shared shared) {
    this.tf = tf;
    this.dtype = dtype;
    this.mode = mode;
    this.store = store;
    this.path = path;
    this.shared = shared;
  }

  /**
   * A root context.
   *
   * @param seed the seed every parameter initializer derives its own stateless seed from
   */
  public static <T extends TFloating> BuildContext<T> create(
      Ops tf, Class<T> dtype, Mode mode, ParameterStore store, long seed) {
    Checks.notNull("tf", tf);
    Checks.notNull("dtype", dtype);
    Checks.notNull("mode", mode);
    Checks.notNull("store", store);
    return new BuildContext<>(PathScope.root(tf), dtype, mode, store, "", new Shared(seed));
  }

  /** A float32 training context with a fresh store. */
  public static BuildContext<TFloat32> training(Ops tf, long seed) {
    return create(tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), seed);
  }

  /** The same graph, store and seed, built in another mode (fresh updates and ledger). */
  public BuildContext<T> withMode(Mode newMode) {
    return new BuildContext<>(tf, dtype, newMode, store, path, new Shared(shared.seed));
  }

  /** A context for the sub-module {@code name}; parameters go under {@code path/name}. */
  public BuildContext<T> child(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "module name must match " + NAME.pattern() + ", got '" + name + "'");
    }
    // A PathScope sub-scope: ops are named after the path at no cost (TF Java's own sub-scopes
    // re-read every op name of the graph, which made deep models quadratic to build).
    return new BuildContext<>(
        tf.withSubScope(name),
        dtype,
        mode,
        store,
        path.isEmpty() ? name : path + "/" + name,
        shared);
  }

  public Ops tf() {
    return tf;
  }

  public Class<T> dtype() {
    return dtype;
  }

  public Mode mode() {
    return mode;
  }

  public boolean training() {
    return mode.training();
  }

  public ParameterStore store() {
    return store;
  }

  /** This context's scope path ("" at the root). */
  public String path() {
    return path;
  }

  public long seed() {
    return shared.seed;
  }

  /** Ops the trainer runs with each step (BatchNorm moving averages). */
  public List<Op> updates() {
    return Collections.unmodifiableList(shared.updates);
  }

  public void addUpdate(Op op) {
    shared.updates.add(op);
  }

  /**
   * Registers a moving average of a batch statistic (BatchNorm's running mean and variance): its
   * update op joins {@link #updates()} at once, or, after {@link #deferMovingAverages()}, the
   * average is only recorded in {@link #movingAverages()} for the caller to build.
   *
   * @param variable the state variable
   * @param value this batch's statistic (its gradient is stopped here)
   * @param momentum the weight of the new value
   */
  public void addMovingAverage(Variable<T> variable, Operand<T> value, double momentum) {
    MovingAverage<T> a = new MovingAverage<>(variable, tf.stopGradient(value), momentum);
    if (shared.deferMovingAverages) {
      shared.movingAverages.add(a);
    } else {
      addUpdate(movingAverageUpdate(a));
    }
  }

  /**
   * Makes {@link #addMovingAverage} record instead of building updates, for this context and every
   * context derived from it with {@link #child}: a data-parallel trainer averages the recorded
   * values over its replicas, then builds each update with {@link #movingAverageUpdate}.
   */
  public void deferMovingAverages() {
    shared.deferMovingAverages = true;
  }

  /** The moving averages recorded since {@link #deferMovingAverages()}, in registration order. */
  @SuppressWarnings("unchecked")
  public List<MovingAverage<T>> movingAverages() {
    List<MovingAverage<T>> out = new ArrayList<>();
    for (MovingAverage<?> a : shared.movingAverages) {
      out.add((MovingAverage<T>) a);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @return the op {@code variable ← (1 − momentum)·variable + momentum·value}
   */
  public Op movingAverageUpdate(MovingAverage<T> a) {
    Checks.notNull("moving average", a);
    return tf.assign(
        a.variable(),
        tf.math.add(
            tf.math.mul(tf.identity(a.variable()), scalar(1 - a.momentum())),
            tf.math.mul(a.value(), scalar(a.momentum()))));
  }

  /** How BatchNorm layers built in training mode get their batch statistics. */
  public BatchStatistics batchStatistics() {
    return shared.batchStatistics;
  }

  /**
   * Installs the batch statistics of BatchNorm layers built from now on with this context or its
   * children ({@link BatchStatistics#LOCAL} by default).
   */
  public void setBatchStatistics(BatchStatistics statistics) {
    shared.batchStatistics = Checks.notNull("statistics", statistics);
  }

  public CostLedger ledger() {
    return shared.ledger;
  }

  /** Records {@code macs} per sample for the product {@code kind} built at this path. */
  public void countMacs(String kind, long macs) {
    shared.ledger.add(path, kind, macs);
  }

  /**
   * Records {@code parts} as a {@link Tap} of {@code kind} at this context's path, for readers of
   * the build (figures, probes); builds nothing.
   */
  public void tap(String kind, List<Operand<T>> parts) {
    shared.taps.add(new Tap<>(path, kind, parts));
  }

  /** The taps of this build (this context, its root and their children), in build order. */
  @SuppressWarnings("unchecked")
  public List<Tap<T>> taps() {
    List<Tap<T>> out = new ArrayList<>();
    for (Tap<?> t : shared.taps) {
      out.add((Tap<T>) t);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The softmax/sigmoid temperature that dynamic-kernel methods divide their logits by. 1 unless a
   * trainer installed a schedule-driven operand with {@link #setTemperature}.
   */
  @SuppressWarnings("unchecked")
  public Operand<T> temperature() {
    return shared.temperature == null ? scalar(1.0) : (Operand<T>) shared.temperature;
  }

  /** Installs the temperature operand (a placeholder or variable driven by the trainer). */
  public void setTemperature(Operand<T> temperature) {
    shared.temperature = Checks.notNull("temperature", temperature);
  }

  /**
   * Installs the training step as a scalar int64 operand: random layers (dropout) then draw
   * stateless randomness from (step, layer path), so a resumed run repeats the masks an
   * uninterrupted one would draw. Without it they use TF's stateful random ops.
   */
  public void setRandomStep(Operand<TInt64> step) {
    shared.randomStep = Checks.notNull("step", step);
  }

  /** The step installed by {@link #setRandomStep}, if any. */
  public Optional<Operand<TInt64>> randomStep() {
    return Optional.ofNullable(shared.randomStep);
  }

  /** A scalar constant of this context's type. */
  public Operand<T> scalar(double value) {
    return tf.dtypes.cast(tf.constant(value), dtype);
  }

  /** A constant of this context's type from row-major values and a shape. */
  public Operand<T> constant(double[] values, long... dims) {
    Operand<TFloat64> c = tf.reshape(tf.constant(values), tf.constant(dims));
    return dtype == TFloat64.class ? cast(c) : tf.dtypes.cast(c, dtype);
  }

  @SuppressWarnings("unchecked")
  private Operand<T> cast(Operand<TFloat64> c) {
    return (Operand<T>) (Operand<?>) c;
  }

  /** Declares (or reuses) the trainable parameter {@code name}; returns its value. */
  @SuppressWarnings("unchecked")
  public Operand<T> param(String name, ParamSpec spec) {
    return (Operand<T>) declare(name, spec).value();
  }

  /** Declares (or reuses) non-trainable state; returns the variable itself, for assignment. */
  @SuppressWarnings("unchecked")
  public Variable<T> state(String name, ParamSpec spec) {
    Checks.check(!spec.trainable(), "spec", spec, "must be a state (non-trainable) declaration");
    return (Variable<T>) declare(name, spec).variable();
  }

  private Parameter declare(String name, ParamSpec spec) {
    Checks.notNull("spec", spec);
    String full = child(name).path;
    var existing = store.find(full);
    if (existing.isPresent()) {
      Parameter p = existing.get();
      if (!p.spec().shape().equals(spec.shape()) || p.spec().trainable() != spec.trainable()) {
        throw new IllegalArgumentException(
            "parameter " + full + " was declared as " + p.spec() + ", now as " + spec);
      }
      return p;
    }
    Ops init = tf.withInitScope();
    Operand<TInt64> seed = init.constant(new long[] {shared.seed, seedOf(full)});
    Operand<T> initial = spec.init().create(init, spec, dtype, seed);
    // The variable op is named by the parameter's path, its value read through path/read.
    Variable<T> variable = tf.withName(name).variable(initial);
    Operand<T> value = tf.withSubScope(name).withName("read").identity(variable);
    Parameter p = new Parameter(full, spec, variable, value);
    store.add(p);
    return p;
  }

  /** A 63-bit hash of the path (FNV-1a), so each parameter has its own stateless stream. */
  public static long seedOf(String path) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < path.length(); i++) {
      h ^= path.charAt(i);
      h *= 0x100000001b3L;
    }
    return h & Long.MAX_VALUE;
  }

  /** The static shape of {@code x}; every non-batch dimension must be known. */
  public static long[] staticDims(Operand<?> x, String what) {
    Shape s = x.shape();
    Checks.check(!s.isUnknown(), what, s, "must have a known rank");
    long[] dims = s.asArray();
    for (int i = 1; i < dims.length; i++) {
      Checks.check(dims[i] > 0, what, s, "must have known non-batch dimensions");
    }
    return dims;
  }
}
