package kr.core.graph;

import java.util.Arrays;

/** Argument checks whose messages name the argument and the offending value. */
public final class Checks {
  private Checks() {}

  /** Requires {@code value > 0}. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Requires {@code value > 0}. */
  public static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Requires {@code value > 0}. */
  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** Requires {@code value >= 0}. */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Requires a finite {@code value >= 0}. */
  public static double nonNegative(String name, double value) {
    check(value >= 0 && Double.isFinite(value), name, value, "must be a finite number >= 0");
    return value;
  }

  /** Requires {@code 0 <= value < 1} (a momentum, a decay rate, a smoothing factor). */
  public static double fraction(String name, double value) {
    check(value >= 0 && value < 1, name, value, "must be in [0, 1)");
    return value;
  }

  /** Requires {@code lo <= value <= hi}. */
  public static double inRange(String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  /** Requires a non-null reference. */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /** Requires a condition, with a message built only on failure. */
  public static void check(boolean condition, String name, Object value, String expected) {
    if (!condition) {
      throw new IllegalArgumentException(
          name
              + " "
              + expected
              + ", got "
              + (value instanceof long[] l ? Arrays.toString(l) : value));
    }
  }
}
