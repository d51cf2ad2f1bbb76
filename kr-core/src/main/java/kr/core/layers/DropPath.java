package kr.core.layers;

import java.util.Arrays;
import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Stochastic depth per sample (Huang et al. 2016; timm {@code layers/drop.py} {@code drop_path}):
 * in training, the whole residual branch of a sample is zeroed with probability {@code rate} and
 * the kept samples are scaled by {@code 1/(1−rate)}, so the expectation is unchanged; at inference
 * it is the identity. Apply it to a residual branch before the addition, {@code x +
 * dropPath(f(x))}.
 *
 * <p>One uniform number is drawn per sample (mask shape {@code [B, 1, …, 1]}). As in {@link
 * Dropout}, the mask is a function of (step, layer path) when the trainer installed the step with
 * {@link BuildContext#setRandomStep}, so a resumed run draws the masks an uninterrupted one would.
 */
public final class DropPath extends RandomDrop {

  /**
   * @param name layer name (the mask's seed derives from its path)
   * @param rate probability of dropping a sample's branch, in [0, 0.999]
   */
  public DropPath(String name, double rate) {
    super(name, "drop path rate", rate);
  }

  /**
   * The linearly increasing rates timm gives the blocks of a network ({@code torch.linspace(0,
   * rate, depth)}).
   *
   * @param maxRate the rate of the last block
   * @param depth number of blocks, positive
   * @param block 0-based block index
   * @return {@code maxRate · block / (depth − 1)} (0 for a single block)
   */
  public static double linearRate(double maxRate, int depth, int block) {
    Checks.inRange("drop path rate", maxRate, 0, 0.999);
    Checks.positive("depth", depth);
    Checks.check(block >= 0 && block < depth, "block", block, "must be in [0, " + depth + ")");
    return depth == 1 ? 0 : maxRate * block / (depth - 1);
  }

  /** One draw per sample: {@code [B, 1, …, 1]}, the batch size from the runtime shape. */
  @Override
  <T extends TFloating> Operand<? extends TNumber> maskShape(BuildContext<T> c, Operand<T> x) {
    Ops tf = c.tf();
    int rank = x.shape().numDimensions();
    Checks.check(rank >= 1, "input", x.shape(), "must have a batch dimension");
    long[] ones = new long[rank];
    Arrays.fill(ones, 1);
    Operand<TInt64> batch =
        tf.slice(
            tf.shape(x, TInt64.class), tf.constant(new long[] {0}), tf.constant(new long[] {1}));
    return rank == 1
        ? batch
        : tf.concat(List.of(batch, tf.constant(Arrays.copyOf(ones, rank - 1))), tf.constant(0));
  }
}
