package kr.core.kr;

import kr.core.graph.Checks;

/**
 * Which 8×8 (in general s×s) DFT frequencies count as "low" for d_0.
 *
 * <p>{@link #CENTERED} (default): the s×s block of smallest |frequency| around DC, i.e. after an
 * fftshift the centre crop: frequencies −s/2 … s/2−1 on each axis, which in an unshifted DFT are
 * the indices {N−s/2, …, N−1, 0, …, s/2−1}. {@link #FIRST}: the indices 0 … s−1.
 */
public enum LowFrequencyBlock {
  CENTERED,
  FIRST;

  /** The DFT indices on an axis of length {@code n}, in output order. */
  public int[] indices(int n, int size) {
    Checks.positive("frequency block size", size);
    Checks.check(size <= n, "frequency block size", size, "must be <= the image side " + n);
    int[] idx = new int[size];
    for (int i = 0; i < size; i++) {
      idx[i] = this == FIRST ? i : Math.floorMod(i - size / 2, n);
    }
    return idx;
  }
}
