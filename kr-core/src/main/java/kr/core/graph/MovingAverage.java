package kr.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A moving average a layer keeps of a batch statistic: {@code variable ← (1 − momentum)·variable +
 * momentum·value}, e.g. BatchNorm's running mean. A context builds the update op at once, unless
 * its updates are deferred ({@link BuildContext#deferMovingAverages}): a data-parallel trainer then
 * averages {@code value} over its replicas before it builds the update with {@link
 * BuildContext#movingAverageUpdate}.
 *
 * @param variable the state variable
 * @param value this batch's statistic, shaped like the variable, without gradient
 * @param momentum the weight of the new value, in [0, 1]
 */
public record MovingAverage<T extends TFloating>(
    Variable<T> variable, Operand<T> value, double momentum) {
  /** Checks the fields. */
  public MovingAverage {
    Checks.notNull("variable", variable);
    Checks.notNull("value", value);
    Checks.inRange("momentum", momentum, 0, 1);
  }

  /**
   * @return the same average of another value (e.g. the mean of this value over replicas)
   */
  public MovingAverage<T> withValue(Operand<T> v) {
    return new MovingAverage<>(variable, v, momentum);
  }
}
