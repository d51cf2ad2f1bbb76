package kr.train.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.core.graph.Checks;
import kr.core.graph.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An exponential moving average of the weights, timm's {@code ModelEmaV2}: after every optimizer
 * step, {@code e ← decay·e + (1 − decay)·w} for each tracked variable. DeiT keeps it with {@code
 * decay = 0.99996} ({@link #DEFAULT_DECAY}) and reports the EMA model's accuracy next to the live
 * one's.
 *
 * <p>The shadows are float32 variables declared through {@link Optimizer.Slots} (named {@code
 * ema/<parameter path>}) so that checkpoints save them. Three ops drive them:
 *
 * <ul>
 *   <li>{@link #reset()} copies the weights into the shadows: run it once after the variables are
 *       initialised (or a checkpoint without EMA state is restored), as timm deep-copies the model
 *       when it creates the EMA;
 *   <li>{@link #update()} moves the shadows one step towards the weights: run it after the
 *       optimizer's update op;
 *   <li>{@link #swap()} exchanges weights and shadows: run it before evaluating the EMA model and
 *       again after.
 * </ul>
 *
 * timm averages the whole {@code state_dict}, so pass BatchNorm's moving statistics too when the
 * model has them.
 */
public final class WeightEma {
  /** DeiT's EMA decay. */
  public static final double DEFAULT_DECAY = 0.99996;

  private final double decay;
  private final Map<String, Variable<TFloat32>> shadows;
  private final Op reset;
  private final Op update;
  private final Op swap;

  private WeightEma(
      double decay, Map<String, Variable<TFloat32>> shadows, Op reset, Op update, Op swap) {
    this.decay = decay;
    this.shadows = shadows;
    this.reset = reset;
    this.update = update;
    this.swap = swap;
  }

  /**
   * Declares the shadows and builds the three ops.
   *
   * @param tf ops factory
   * @param tracked the float32 variables to average (trainable parameters, optionally BatchNorm
   *     state)
   * @param decay the EMA decay in [0, 1)
   * @param slots where the shadow variables are declared
   * @return the EMA
   */
  public static WeightEma create(
      Ops tf, List<Parameter> tracked, double decay, Optimizer.Slots slots) {
    return create(tf, tracked, decay, slots, List.of());
  }

  /**
   * As {@link #create(Ops, List, double, Optimizer.Slots)}, with {@link #update()} reading the
   * weights only after {@code after} (e.g. the training step's op) have run, so that running the
   * update alone runs one training step and then averages its result.
   *
   * @param after ops the update waits for (none: it reads the weights as they are)
   */
  public static WeightEma create(
      Ops tf, List<Parameter> tracked, double decay, Optimizer.Slots slots, List<Op> after) {
    Checks.notNull("after", after);
    Checks.notNull("tracked", tracked);
    Checks.notNull("slots", slots);
    Checks.fraction("ema decay", decay);
    Ops o = tf.withSubScope("ema");
    Operand<TFloat32> d = o.constant((float) decay);
    Operand<TFloat32> rest = o.constant((float) (1 - decay));
    Ops gated = after.isEmpty() ? o : o.withControlDependencies(after);
    Map<String, Variable<TFloat32>> shadows = new LinkedHashMap<>();
    List<Op> resets = new ArrayList<>();
    List<Op> updates = new ArrayList<>();
    List<Op> swaps = new ArrayList<>();
    for (Parameter p : tracked) {
      Checks.check(
          p.variable().type() == TFloat32.class,
          "ema parameter " + p.path(),
          p.spec(),
          "must be float32");
      Checks.check(!shadows.containsKey(p.path()), "ema parameter", p.path(), "is listed twice");
      Variable<TFloat32> w = p.float32Variable();
      Variable<TFloat32> e = slots.zeros("ema/" + p.path(), p.spec().shape());
      shadows.put(p.path(), e);
      Operand<TFloat32> wRead = o.identity(w);
      Operand<TFloat32> eRead = o.identity(e);
      resets.add(o.assign(e, wRead));
      Operand<TFloat32> wNew = after.isEmpty() ? wRead : gated.identity(w);
      Operand<TFloat32> eOld = after.isEmpty() ? eRead : gated.identity(e);
      updates.add(o.assign(e, o.math.add(o.math.mul(d, eOld), o.math.mul(rest, wNew))));
      // Identity of a ref variable aliases its buffer, so the swap copies both values (Add makes a
      // new
      // tensor) and writes only after both copies exist.
      Operand<TFloat32> wCopy = o.math.add(wRead, o.constant(0f));
      Operand<TFloat32> eCopy = o.math.add(eRead, o.constant(0f));
      Ops afterCopies = o.withControlDependencies(List.of(wCopy, eCopy));
      swaps.add(afterCopies.assign(w, eCopy));
      swaps.add(afterCopies.assign(e, wCopy));
    }
    return new WeightEma(
        decay,
        Map.copyOf(shadows),
        tf.withControlDependencies(resets).withName("ema_reset").noOp(),
        tf.withControlDependencies(updates).withName("ema_update").noOp(),
        tf.withControlDependencies(swaps).withName("ema_swap").noOp());
  }

  /**
   * @return the decay
   */
  public double decay() {
    return decay;
  }

  /**
   * @return the shadow variable of each tracked parameter, by path
   */
  public Map<String, Variable<TFloat32>> shadows() {
    return shadows;
  }

  /**
   * @return the op that copies the weights into the shadows
   */
  public Op reset() {
    return reset;
  }

  /**
   * @return the op {@code e ← decay·e + (1 − decay)·w}, to run after each optimizer step
   */
  public Op update() {
    return update;
  }

  /**
   * @return the op that exchanges weights and shadows
   */
  public Op swap() {
    return swap;
  }
}
