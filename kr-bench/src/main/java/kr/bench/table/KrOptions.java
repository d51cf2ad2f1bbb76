package kr.bench.table;

import java.util.Optional;
import java.util.OptionalInt;
import kr.core.graph.Checks;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.HeadInput;
import kr.core.kr.KrConfig;

/**
 * What a row changes on top of its KR configuration string: the Table 6 ablations and the Table 7
 * hyper-parameters. Empty fields keep {@link KrConfig}'s defaults.
 *
 * @param multiplier kernels mixed per dynamic layer (Table 7: 4 ⇒ 1, 2, 8)
 * @param reduction reduction ratio of the fusion layer (Table 7: 8 ⇒ 4, 16)
 * @param step growth of d per KR unit; the paper's "dimension of KR" 64 ⇒ 32 / 128 is read as a
 *     step of 16 / 64, i.e. the 2·step a transformer layer (attention + MLP unit) adds
 * @param lowFrequency d₀ from the input's low frequencies (false: the Table 6 learned-vector
 *     ablation)
 * @param krBatchNorm BatchNorm on each generated d̃ (false: the Table 6 ablation)
 * @param headInput what the classifier reads besides the pooled features
 * @param d0BatchNorm BatchNorm on d₀ ({@link KrConfig#d0BatchNorm()}; not in the paper)
 * @param temperature an attention temperature schedule for the row's training in place of its
 *     method's own (KR has none); empty keeps the method's
 */
public record KrOptions(
    OptionalInt multiplier,
    OptionalInt reduction,
    OptionalInt step,
    boolean lowFrequency,
    boolean krBatchNorm,
    HeadInput headInput,
    boolean d0BatchNorm,
    Optional<TemperatureSchedule> temperature) {

  /** No change. */
  public static final KrOptions NONE =
      new KrOptions(
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          true,
          true,
          HeadInput.FULL,
          false,
          Optional.empty());

  public KrOptions {
    Checks.notNull("multiplier", multiplier);
    Checks.notNull("reduction", reduction);
    Checks.notNull("step", step);
    multiplier.ifPresent(v -> Checks.positive("multiplier", v));
    reduction.ifPresent(v -> Checks.positive("reduction", v));
    step.ifPresent(v -> Checks.positive("step", v));
    Checks.notNull("headInput", headInput);
    Checks.notNull("temperature", temperature);
  }

  /** {@code base} with these options applied. */
  public KrConfig apply(KrConfig base) {
    KrConfig c = Checks.notNull("base", base);
    if (multiplier.isPresent()) {
      c = c.withMultiplier(multiplier.getAsInt());
    }
    if (reduction.isPresent()) {
      c = c.withReduction(reduction.getAsInt());
    }
    if (step.isPresent()) {
      c = c.withStep(step.getAsInt());
    }
    if (!lowFrequency) {
      c = c.withoutFrequencyInit();
    }
    if (!krBatchNorm) {
      c = c.withoutKrBatchNorm();
    }
    if (headInput != HeadInput.FULL) {
      c = c.withHeadInput(headInput);
    }
    if (d0BatchNorm) {
      c = c.withD0BatchNorm();
    }
    return c;
  }

  public boolean absent() {
    return equals(NONE);
  }
}
