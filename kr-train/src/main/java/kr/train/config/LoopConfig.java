package kr.train.config;

import kr.core.graph.Checks;
import kr.core.graph.TemperatureSchedule;

/**
 * What the training loop does: how many epochs of which batches, in which order, with which
 * augmentation, loss and temperature schedule, which weights evaluation uses, and how much of each
 * split it reads. Build one with {@link #builder()}.
 *
 * @param epochs epochs to train
 * @param batchSize training batch size
 * @param evalBatchSize evaluation batch size (0: same as {@code batchSize})
 * @param seed seeds the parameter initialisers, the data order and the dropout masks
 * @param labelSmoothing ε of label smoothing, in [0, 1)
 * @param temperature the temperature schedule for dynamic-kernel baselines
 * @param maxStepsPerEpoch cap on training steps per epoch (0: the whole split), for short runs
 * @param maxEvalBatches cap on evaluation batches (0: the whole split)
 * @param augment RandAugment, random erasing, Mixup/CutMix, repeated augmentation and the
 *     resampling filter ({@link AugmentConfig#NONE} by default)
 * @param ema the weight average evaluation uses ({@link EmaConfig#OFF} by default)
 */
public record LoopConfig(
    int epochs,
    int batchSize,
    int evalBatchSize,
    long seed,
    double labelSmoothing,
    TemperatureSchedule temperature,
    int maxStepsPerEpoch,
    int maxEvalBatches,
    AugmentConfig augment,
    EmaConfig ema) {

  public static final int DEFAULT_EPOCHS = 100;
  public static final int DEFAULT_BATCH_SIZE = 128;

  public LoopConfig {
    Checks.positive("epochs", epochs);
    Checks.positive("batchSize", batchSize);
    Checks.nonNegative("evalBatchSize", evalBatchSize);
    Checks.fraction("labelSmoothing", labelSmoothing);
    Checks.notNull("temperature", temperature);
    Checks.nonNegative("maxStepsPerEpoch", maxStepsPerEpoch);
    Checks.nonNegative("maxEvalBatches", maxEvalBatches);
    // Absent from config and checkpoint files written before these settings existed: off.
    augment = augment == null ? AugmentConfig.NONE : augment;
    ema = ema == null ? EmaConfig.OFF : ema;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return new Builder()
        .epochs(epochs)
        .batchSize(batchSize)
        .evalBatchSize(evalBatchSize)
        .seed(seed)
        .labelSmoothing(labelSmoothing)
        .temperature(temperature)
        .maxStepsPerEpoch(maxStepsPerEpoch)
        .maxEvalBatches(maxEvalBatches)
        .augment(augment)
        .ema(ema);
  }

  /** The batch size evaluation uses. */
  public int effectiveEvalBatchSize() {
    return evalBatchSize == 0 ? batchSize : evalBatchSize;
  }

  /** Builder; unset fields take the defaults. */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int evalBatchSize;
    private long seed;
    private double labelSmoothing;
    private TemperatureSchedule temperature = TemperatureSchedule.none();
    private int maxStepsPerEpoch;
    private int maxEvalBatches;
    private AugmentConfig augment = AugmentConfig.NONE;
    private EmaConfig ema = EmaConfig.OFF;

    private Builder() {}

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder evalBatchSize(int v) {
      evalBatchSize = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder labelSmoothing(double v) {
      labelSmoothing = v;
      return this;
    }

    public Builder temperature(TemperatureSchedule v) {
      temperature = v;
      return this;
    }

    public Builder maxStepsPerEpoch(int v) {
      maxStepsPerEpoch = v;
      return this;
    }

    public Builder maxEvalBatches(int v) {
      maxEvalBatches = v;
      return this;
    }

    public Builder augment(AugmentConfig v) {
      augment = Checks.notNull("augment", v);
      return this;
    }

    public Builder ema(EmaConfig v) {
      ema = Checks.notNull("ema", v);
      return this;
    }

    public LoopConfig build() {
      return new LoopConfig(
          epochs,
          batchSize,
          evalBatchSize,
          seed,
          labelSmoothing,
          temperature,
          maxStepsPerEpoch,
          maxEvalBatches,
          augment,
          ema);
    }
  }
}
