package kr.data.pipeline;

import java.util.random.RandomGenerator;
import kr.data.Checks;

/**
 * A tiny SplitMix64 generator (Steele, Lea, Flood 2014) written out here, together with the
 * bounded-int and double conversions, so that data order and augmentation are reproducible bit for
 * bit across JDK versions: nothing depends on the JDK's own generators.
 */
public final class SplitMix64 implements RandomGenerator {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  /**
   * @param seed initial state
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * The generator for one (seed, epoch, stream) triple; different triples give unrelated streams.
   *
   * @param seed run seed
   * @param epoch epoch number
   * @param stream sub-stream, e.g. an example index
   * @return a fresh generator
   */
  public static SplitMix64 derive(long seed, long epoch, long stream) {
    long h = mix(seed + GOLDEN);
    h = mix(h ^ mix(epoch + 2 * GOLDEN));
    h = mix(h ^ mix(stream + 3 * GOLDEN));
    return new SplitMix64(h);
  }

  /**
   * The SplitMix64 output function (a bijective 64-bit mixer).
   *
   * @param z input
   * @return mixed value
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  @Override
  public int nextInt() {
    return (int) (nextLong() >>> 32);
  }

  /** Uniform in {@code [0, bound)} by rejection, without modulo bias. */
  @Override
  public int nextInt(int bound) {
    Checks.positive("bound", bound);
    int r = (int) (nextLong() >>> 33);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
      // retry: u fell in the incomplete last block
    }
    return r;
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  @Override
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  @Override
  public boolean nextBoolean() {
    return nextLong() < 0;
  }
}
