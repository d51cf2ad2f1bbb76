package kr.core.graph;

import java.util.Locale;

/**
 * The softmax temperature of dynamic-kernel baselines (DyConv, ODConv): it starts at {@code
 * initial} and falls linearly to 1 over the first {@code epochs} epochs, {@code T(t) = 1 + (initial
 * − 1)·max(0, (N − t)/N)} with {@code N = epochs × iterations per epoch} and {@code t} the global
 * iteration counted from 1. DyConv's recipe is {@code linear(30, 10)}; {@link #none()} keeps T = 1
 * and installs nothing in the graph.
 *
 * @param initial the temperature at t = 0 (≥ 1)
 * @param epochs the epochs over which it anneals to 1; 0 = no schedule
 */
public record TemperatureSchedule(double initial, int epochs) {

  /** DyConv's initial temperature. */
  public static final double DYCONV_INITIAL = 30;

  /** DyConv's annealing length in epochs. */
  public static final int DYCONV_EPOCHS = 10;

  public TemperatureSchedule {
    Checks.check(
        initial >= 1 && Double.isFinite(initial),
        "temperature initial",
        initial,
        "must be a finite number >= 1");
    Checks.nonNegative("temperature epochs", epochs);
  }

  /** No schedule: the model's temperature stays 1. */
  public static TemperatureSchedule none() {
    return new TemperatureSchedule(1, 0);
  }

  /** Linear annealing from {@code initial} to 1 over {@code epochs} epochs. */
  public static TemperatureSchedule linear(double initial, int epochs) {
    Checks.positive("temperature epochs", epochs);
    return new TemperatureSchedule(initial, epochs);
  }

  /** DyConv/ODConv's schedule: 30 → 1 over 10 epochs. */
  public static TemperatureSchedule dyconv() {
    return linear(DYCONV_INITIAL, DYCONV_EPOCHS);
  }

  /**
   * Parses {@code none}, {@code dyconv} (or {@code odconv}: the same 30 → 1 over 10 epochs) or
   * {@code linear:<T0>:<epochs>}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static TemperatureSchedule parse(String text) {
    Checks.notNull("temperature", text);
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return none();
    }
    if (t.equals("dyconv") || t.equals("odconv")) {
      return dyconv();
    }
    String[] f = t.split(":");
    if (f.length == 3 && f[0].equals("linear")) {
      try {
        return linear(Double.parseDouble(f[1]), Integer.parseInt(f[2]));
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException(
        "temperature must be none, dyconv or linear:<T0>:<epochs>, got '" + text + "'");
  }

  /** The text {@link #parse} reads back: none, dyconv or linear:T0:epochs. */
  public String label() {
    if (!enabled()) {
      return "none";
    }
    if (equals(dyconv())) {
      return "dyconv";
    }
    return "linear:"
        + (initial == Math.rint(initial) ? String.valueOf((long) initial) : initial)
        + ":"
        + epochs;
  }

  /** Whether the trainer must install a temperature operand in the model. */
  public boolean enabled() {
    return epochs > 0;
  }

  /**
   * @param iteration the global iteration, from 1
   * @param iterationsPerEpoch training steps per epoch
   * @return the temperature for that iteration
   */
  public double at(long iteration, long iterationsPerEpoch) {
    if (!enabled()) {
      return 1;
    }
    double n = (double) epochs * iterationsPerEpoch;
    return 1 + (initial - 1) * Math.max(0, (n - iteration) / n);
  }
}
