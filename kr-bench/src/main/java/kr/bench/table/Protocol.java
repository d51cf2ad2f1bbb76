package kr.bench.table;

import java.util.Locale;

/**
 * How much of the paper's training a table run does. The concrete trainer settings of each protocol
 * are in {@link Recipes#trainConfig}; the data of each in {@link Recipes#data}.
 */
public enum Protocol {
  /** Two training steps per row on generated 28×28 data (or {@code --dataset}): plumbing only. */
  SMOKE,
  /** Fashion-MNIST at 28×28 with a reduced schedule sized for two CPU cores. */
  CPU,
  /** The paper's datasets, inputs and schedules. */
  PAPER;

  /** {@code smoke}, {@code cpu} or {@code paper}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
