package kr.data.pipeline;

import kr.data.Checks;

/**
 * The order in which an epoch visits the examples: a Fisher–Yates permutation driven by {@link
 * SplitMix64#derive}{@code (seed, epoch, SHUFFLE_STREAM)}. The same seed and epoch give the same
 * order bit for bit, so a run resumed at epoch {@code k} sees the data in the order it would have;
 * different epochs differ.
 */
public final class EpochOrder {
  /**
   * Stream id reserved for shuffling (example augmentation streams use the example index, which is
   * >= 0).
   */
  public static final long SHUFFLE_STREAM = -1L;

  private EpochOrder() {}

  /**
   * @param size number of examples
   * @param seed run seed
   * @param epoch epoch number, {@code >= 0}
   * @return a permutation of {@code 0..size-1}
   */
  public static int[] shuffled(int size, long seed, long epoch) {
    Checks.nonNegative("size", size);
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    int[] order = sequential(size);
    SplitMix64 rng = SplitMix64.derive(seed, epoch, SHUFFLE_STREAM);
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * @param size number of examples
   * @return {@code 0..size-1}
   */
  public static int[] sequential(int size) {
    Checks.nonNegative("size", size);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    return order;
  }
}
