package kr.train.loss;

import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Cross-entropy against soft targets, timm's {@code SoftTargetCrossEntropy}: {@code loss = mean_b
 * Σ_c −y[b,c] · log_softmax(z)[b,c]}. The targets are rows of class weights summing to 1, as
 * produced by mixup/cutmix with label smoothing ({@code kr.data.mix.MixupCutmix}); a one-hot row
 * gives the ordinary cross-entropy. Built from {@code LogSoftmax}, {@code Mul}, {@code Sum} and
 * {@code Mean}, all of which have gradients in TensorFlow's C++ registry; the gradient with respect
 * to the logits is {@code (softmax(z) − y)/B}.
 */
public final class SoftTargetCrossEntropy {
  private SoftTargetCrossEntropy() {}

  /**
   * @param tf ops factory
   * @param logits {@code [B, classes]}
   * @param targets {@code [B, classes]}, each row a probability vector
   * @return the scalar mean loss over the batch
   */
  public static <T extends TFloating> Operand<T> mean(
      Ops tf, Operand<T> logits, Operand<T> targets) {
    return tf.math.mean(perExample(tf, logits, targets), tf.constant(0));
  }

  /**
   * @param tf ops factory
   * @param logits {@code [B, classes]}
   * @param targets {@code [B, classes]}, each row a probability vector
   * @return the per-example losses {@code [B]}
   */
  public static <T extends TFloating> Operand<T> perExample(
      Ops tf, Operand<T> logits, Operand<T> targets) {
    Checks.notNull("logits", logits);
    Checks.notNull("targets", targets);
    Checks.check(
        logits.shape().numDimensions() == 2, "logits", logits.shape(), "must be [B, classes]");
    Checks.check(
        targets.shape().numDimensions() == 2, "targets", targets.shape(), "must be [B, classes]");
    long lc = logits.shape().get(1);
    long tc = targets.shape().get(1);
    Checks.check(
        lc < 0 || tc < 0 || lc == tc,
        "targets",
        targets.shape(),
        "must have as many classes as the logits " + logits.shape());
    Operand<T> logp = tf.nn.logSoftmax(logits);
    return tf.math.neg(tf.reduceSum(tf.math.mul(targets, logp), tf.constant(1)));
  }
}
