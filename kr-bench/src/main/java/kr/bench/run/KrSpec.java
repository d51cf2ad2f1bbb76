package kr.bench.run;

import java.util.OptionalInt;
import kr.core.graph.Checks;
import kr.core.kr.AttentionMode;
import kr.core.kr.HeadInput;
import kr.core.kr.KrConfig;
import kr.core.kr.LowFrequencyBlock;

/**
 * A {@link KrConfig} as it is written into a run's {@code config.json}: every field, so the
 * configuration is rebuilt exactly ({@link #toConfig()}).
 *
 * @param variant static kernels, KR or the dynamic-only ablation
 * @param multiplier kernels mixed per dynamic layer
 * @param d0Dim width of d_0
 * @param step growth of d per KR unit; 0 = the backbone's default
 * @param reduction r of the fusion layer
 * @param minHidden lower bound of the fusion width
 * @param alphaEmbed width of the coefficient embedding
 * @param attention what the kernel generator predicts
 * @param frequencyInit d_0 from the input's low frequencies
 * @param krBatchNorm BatchNorm on each generated slice of d
 * @param lowFrequencyBlock which 8×8 block of the spectrum d_0 reads
 * @param headInput what the classifier reads beside the pooled features
 * @param d0BatchNorm BatchNorm on d_0; absent (read as false) in files written before it existed
 */
public record KrSpec(
    KrConfig.Variant variant,
    int multiplier,
    int d0Dim,
    int step,
    int reduction,
    int minHidden,
    int alphaEmbed,
    AttentionMode attention,
    boolean frequencyInit,
    boolean krBatchNorm,
    LowFrequencyBlock lowFrequencyBlock,
    HeadInput headInput,
    Boolean d0BatchNorm) {

  public KrSpec {
    Checks.notNull("variant", variant);
    Checks.check(step >= 0, "step", step, "must be >= 0 (0: the backbone's default)");
    Checks.notNull("attention", attention);
    Checks.notNull("lowFrequencyBlock", lowFrequencyBlock);
    Checks.notNull("headInput", headInput);
    d0BatchNorm = d0BatchNorm != null && d0BatchNorm;
  }

  /** Every field of {@code c}. */
  public static KrSpec of(KrConfig c) {
    Checks.notNull("config", c);
    return new KrSpec(
        c.variant(),
        c.multiplier(),
        c.d0Dim(),
        c.step().orElse(0),
        c.reduction(),
        c.minHidden(),
        c.alphaEmbed(),
        c.attention(),
        c.frequencyInit(),
        c.krBatchNorm(),
        c.lowFrequencyBlock(),
        c.headInput(),
        c.d0BatchNorm());
  }

  /** The configuration this describes. */
  public KrConfig toConfig() {
    return new KrConfig(
        variant,
        multiplier,
        d0Dim,
        step == 0 ? OptionalInt.empty() : OptionalInt.of(step),
        reduction,
        minHidden,
        alphaEmbed,
        attention,
        frequencyInit,
        krBatchNorm,
        lowFrequencyBlock,
        headInput,
        d0BatchNorm);
  }
}
