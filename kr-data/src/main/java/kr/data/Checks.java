package kr.data;

/** Argument checks whose messages name the argument and its value. */
public final class Checks {
  private Checks() {}

  /**
   * @param name argument name
   * @param value value to check
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value <= 0}
   */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /**
   * @param name argument name
   * @param value value to check
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value < 0}
   */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /**
   * @param name argument name
   * @param value value to check
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * @param name argument name
   * @param value value to check
   * @param lo inclusive lower bound
   * @param hi inclusive upper bound
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is outside {@code [lo, hi]} or NaN
   */
  public static double inRange(String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  static float[] channelArray(String name, float[] values, int channels) {
    if (values == null || values.length != channels) {
      throw new IllegalArgumentException(
          name
              + " must have one value per channel ("
              + channels
              + "), got "
              + (values == null ? "null" : values.length + " values"));
    }
    return values;
  }

  /**
   * Requires a condition, with a message built only on failure.
   *
   * @param condition what must hold
   * @param name argument name
   * @param value the offending value, for the message
   * @param expected what was expected, e.g. "must be in 0..3"
   * @throws IllegalArgumentException {@code "<name> <expected>, got <value>"} if the condition is
   *     false
   */
  public static void check(boolean condition, String name, Object value, String expected) {
    if (!condition) {
      throw new IllegalArgumentException(name + " " + expected + ", got " + value);
    }
  }
}
