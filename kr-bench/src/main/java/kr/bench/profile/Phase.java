package kr.bench.profile;

import java.util.Locale;

/** Where in a training step an op runs. */
public enum Phase {
  /** The forward pass (and the loss, metrics and inference build). */
  FORWARD,
  /** Gradients: ops TensorFlow's gradient builder added under {@code gradients/}. */
  BACKWARD,
  /** The update: gradient gating, clipping, the optimizer. */
  UPDATE;

  /** Lower-case name for tables. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
