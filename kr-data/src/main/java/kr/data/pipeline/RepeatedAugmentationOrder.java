package kr.data.pipeline;

import kr.data.Checks;

/**
 * Repeated augmentation (Hoffer et al. 2020; DeiT's {@code RASampler}, timm {@code
 * RepeatAugSampler}): each epoch shuffles the examples, repeats every index {@code repeats} times
 * in a row ({@code [a, a, a, b, b, b, …]}), pads the list by wrapping around to a multiple of the
 * replica count, deals it round-robin to the replicas (replica {@code r} takes positions {@code r,
 * r + R, r + 2R, …}), and keeps the first {@link #selectedPerReplica} of each replica's share. With
 * DeiT's defaults (3 repeats, {@code selected_round = 256}) an epoch still shows each replica about
 * {@code N / R} images, so the epoch length does not change, but consecutive replicas see
 * differently augmented copies of the same image in one step.
 *
 * <p>The shuffle is a Fisher–Yates permutation driven by {@link SplitMix64#derive}{@code (seed,
 * epoch, −1)}, so an epoch's order is a function of (seed, epoch) and a resumed run sees the order
 * an uninterrupted one would.
 *
 * @param size number of examples N
 * @param repeats copies of each index, {@code >= 1} (3 in DeiT)
 * @param replicas number of data-parallel replicas R
 * @param selectedRound the per-epoch sample count is rounded down to a multiple of this before
 *     dividing by R (256 in DeiT; 0 for no rounding)
 */
public record RepeatedAugmentationOrder(int size, int repeats, int replicas, int selectedRound) {
  /** DeiT's number of repeats. */
  public static final int DEFAULT_REPEATS = 3;

  /** DeiT's rounding of the selected sample count. */
  public static final int DEFAULT_SELECTED_ROUND = 256;

  private static final long SHUFFLE_STREAM = -1L;

  /** Checks the arguments. */
  public RepeatedAugmentationOrder {
    Checks.positive("size", size);
    Checks.positive("repeats", repeats);
    Checks.positive("replicas", replicas);
    Checks.nonNegative("selectedRound", selectedRound);
    if (selectedRound > 0 && size < selectedRound) {
      throw new IllegalArgumentException(
          "size "
              + size
              + " is smaller than selectedRound "
              + selectedRound
              + ": the epoch would be empty (use selectedRound 0 for small datasets)");
    }
  }

  /**
   * @param size number of examples
   * @param replicas number of data-parallel replicas
   * @return DeiT's sampler: 3 repeats, selected count rounded to 256
   */
  public static RepeatedAugmentationOrder deit(int size, int replicas) {
    return new RepeatedAugmentationOrder(size, DEFAULT_REPEATS, replicas, DEFAULT_SELECTED_ROUND);
  }

  /**
   * @return {@code ceil(N · repeats / R)}, each replica's share before selection
   */
  public int samplesPerReplica() {
    return (int) ((size * (long) repeats + replicas - 1) / replicas);
  }

  /**
   * @return how many indices each replica visits per epoch
   */
  public int selectedPerReplica() {
    if (selectedRound > 0) {
      return (size / selectedRound * selectedRound) / replicas;
    }
    return (size + replicas - 1) / replicas;
  }

  /**
   * @param seed run seed
   * @param epoch epoch, {@code >= 0}
   * @param replica this replica's rank in {@code [0, replicas)}
   * @return the example indices replica {@code replica} visits in epoch {@code epoch}, in order
   */
  public int[] indices(long seed, long epoch, int replica) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    if (replica < 0 || replica >= replicas) {
      throw new IllegalArgumentException(
          "replica must be in [0, " + replicas + "), got " + replica);
    }
    int[] perm = new int[size];
    for (int i = 0; i < size; i++) {
      perm[i] = i;
    }
    SplitMix64 rng = SplitMix64.derive(seed, epoch, SHUFFLE_STREAM);
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    long repeated = (long) size * repeats;
    int[] out = new int[selectedPerReplica()];
    for (int k = 0; k < out.length; k++) {
      // Position in the padded, repeated list; past the end it wraps to the start (timm's
      // indices[:padding]).
      long pos = replica + (long) k * replicas;
      out[k] = perm[(int) ((pos % repeated) / repeats)];
    }
    return out;
  }
}
