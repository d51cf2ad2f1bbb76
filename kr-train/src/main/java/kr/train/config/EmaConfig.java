package kr.train.config;

import kr.core.graph.Checks;

/**
 * An exponential moving average of the weights ({@code kr.train.optim.WeightEma}, timm's {@code
 * ModelEmaV2}): after every optimizer step {@code e ← decay·e + (1 − decay)·w} over every parameter
 * (BatchNorm statistics included), and evaluation (per epoch, the best checkpoint, {@code kr eval})
 * uses the averaged weights. {@link #OFF} by default.
 *
 * @param decay in [0, 1); 0 turns the average off (DeiT's code keeps 0.99996)
 */
public record EmaConfig(double decay) {

  /** No weight average. */
  public static final EmaConfig OFF = new EmaConfig(0);

  public EmaConfig {
    Checks.fraction("ema decay", decay);
  }

  /** Whether the average is kept. */
  public boolean enabled() {
    return decay > 0;
  }
}
