package kr.train.data;

import java.util.SplittableRandom;

/** The example order of a training pass, a pure function of (seed, epoch). */
public final class Shuffle {
  private Shuffle() {}

  /** A permutation of {@code 0..n-1} (Fisher–Yates on a SplittableRandom seeded by both). */
  public static int[] permutation(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** A seed for (seed, a, b): SplitMix64 finalisation of their combination. */
  public static long mix(long seed, long a, long... more) {
    long h = seed * 0x9E3779B97F4A7C15L + a;
    for (long m : more) {
      h = finalise(h) * 0x9E3779B97F4A7C15L + m;
    }
    return finalise(h);
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
