package kr.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A generator that returns scripted values, so a test can fix every draw an op makes and check the
 * order.
 */
public final class ScriptedRandom implements RandomGenerator {
  private final Deque<Double> doubles = new ArrayDeque<>();
  private final Deque<Integer> ints = new ArrayDeque<>();
  private final Deque<Double> gaussians = new ArrayDeque<>();

  public ScriptedRandom withDoubles(double... values) {
    for (double v : values) {
      doubles.add(v);
    }
    return this;
  }

  public ScriptedRandom withInts(int... values) {
    for (int v : values) {
      ints.add(v);
    }
    return this;
  }

  public ScriptedRandom withGaussians(double... values) {
    for (double v : values) {
      gaussians.add(v);
    }
    return this;
  }

  /**
   * @return whether every scripted value was consumed
   */
  public boolean exhausted() {
    return doubles.isEmpty() && ints.isEmpty() && gaussians.isEmpty();
  }

  @Override
  public double nextDouble() {
    if (doubles.isEmpty()) {
      throw new IllegalStateException("unscripted nextDouble()");
    }
    return doubles.poll();
  }

  @Override
  public int nextInt(int bound) {
    if (ints.isEmpty()) {
      throw new IllegalStateException("unscripted nextInt(" + bound + ")");
    }
    int v = ints.poll();
    if (v < 0 || v >= bound) {
      throw new IllegalStateException("scripted " + v + " outside [0, " + bound + ")");
    }
    return v;
  }

  @Override
  public double nextGaussian() {
    if (gaussians.isEmpty()) {
      throw new IllegalStateException("unscripted nextGaussian()");
    }
    return gaussians.poll();
  }

  @Override
  public long nextLong() {
    throw new IllegalStateException("unscripted nextLong()");
  }
}
