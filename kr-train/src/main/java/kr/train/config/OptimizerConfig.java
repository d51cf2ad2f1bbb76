package kr.train.config;

import kr.core.graph.Checks;
import kr.train.optim.OptimizerSpec;
import kr.train.optim.Optimizers;
import kr.train.optim.ScheduleSpec;
import kr.train.optim.Schedules;
import kr.train.optim.WeightDecayScope;

/**
 * How parameters are updated: the optimizer, its learning-rate schedule and gradient clipping.
 * Defaults are the paper's recipe (AdamW, lr 1e-3, wd 5e-5, 5 warmup epochs then cosine). Build one
 * with {@link #builder()}; a bad value throws an {@link IllegalArgumentException} naming the field
 * and the value.
 *
 * @param optimizer which optimizer
 * @param lr peak learning rate
 * @param minLr the cosine schedule's floor, in [0, lr]
 * @param weightDecay decoupled for AdamW, L2 for SGD (see {@link OptimizerSpec})
 * @param momentum SGD momentum
 * @param nesterov SGD Nesterov momentum
 * @param schedule the LR schedule
 * @param warmupEpochs linear warmup length (at most the loop's epochs)
 * @param decayEpochs the step schedule's period
 * @param gamma the step schedule's factor
 * @param clipNorm global-norm gradient clipping threshold (0: off)
 * @param decayScope which parameters the weight decay applies to
 * @param warmupLr the learning rate the linear warmup starts from (0: the warmup starts at {@code
 *     lr/warmupSteps}, see {@link kr.train.optim.Schedules})
 */
public record OptimizerConfig(
    Optimizers optimizer,
    double lr,
    double minLr,
    double weightDecay,
    double momentum,
    boolean nesterov,
    Schedules schedule,
    int warmupEpochs,
    int decayEpochs,
    double gamma,
    double clipNorm,
    WeightDecayScope decayScope,
    double warmupLr) {

  public static final double DEFAULT_LR = 1e-3;
  public static final double DEFAULT_WEIGHT_DECAY = 5e-5;
  public static final int DEFAULT_WARMUP_EPOCHS = 5;
  public static final int DEFAULT_DECAY_EPOCHS = 30;
  public static final double DEFAULT_GAMMA = 0.1;

  public OptimizerConfig {
    Checks.notNull("optimizer", optimizer);
    Checks.positive("lr", lr);
    Checks.check(minLr >= 0 && minLr <= lr, "minLr", minLr, "must be in [0, lr=" + lr + "]");
    Checks.nonNegative("weightDecay", weightDecay);
    Checks.fraction("momentum", momentum);
    Checks.notNull("schedule", schedule);
    Checks.nonNegative("warmupEpochs", warmupEpochs);
    Checks.positive("decayEpochs", decayEpochs);
    Checks.check(gamma > 0 && gamma <= 1, "gamma", gamma, "must be in (0, 1]");
    Checks.check(
        clipNorm >= 0 && Double.isFinite(clipNorm),
        "clipNorm",
        clipNorm,
        "must be a finite number >= 0 (0 = off)");
    Checks.notNull("decayScope", decayScope);
    Checks.check(
        warmupLr >= 0 && warmupLr <= lr, "warmupLr", warmupLr, "must be in [0, lr=" + lr + "]");
  }

  /** The defaults. */
  public static OptimizerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return new Builder()
        .optimizer(optimizer)
        .lr(lr)
        .minLr(minLr)
        .weightDecay(weightDecay)
        .momentum(momentum)
        .nesterov(nesterov)
        .schedule(schedule)
        .warmupEpochs(warmupEpochs)
        .decayEpochs(decayEpochs)
        .gamma(gamma)
        .clipNorm(clipNorm)
        .decayScope(decayScope)
        .warmupLr(warmupLr);
  }

  /**
   * The optimizer's hyper-parameters (Adam's β and ε at their defaults), decaying the parameters
   * {@link #decayScope} selects.
   */
  public OptimizerSpec spec() {
    return new OptimizerSpec(
            weightDecay,
            momentum,
            nesterov,
            OptimizerSpec.DEFAULT_BETA1,
            OptimizerSpec.DEFAULT_BETA2,
            OptimizerSpec.DEFAULT_EPSILON)
        .withDecayRule(decayScope.rule());
  }

  /** The LR schedule's spec for a run of {@code epochs} × {@code stepsPerEpoch} steps. */
  public ScheduleSpec scheduleSpec(int epochs, long stepsPerEpoch) {
    return new ScheduleSpec(
        lr,
        minLr,
        warmupEpochs * stepsPerEpoch,
        epochs * stepsPerEpoch,
        decayEpochs * stepsPerEpoch,
        gamma,
        warmupLr);
  }

  /** Builder; unset fields take the defaults. */
  public static final class Builder {
    private Optimizers optimizer = Optimizers.ADAMW;
    private double lr = DEFAULT_LR;
    private double minLr;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private double momentum = OptimizerSpec.DEFAULT_MOMENTUM;
    private boolean nesterov = true;
    private Schedules schedule = Schedules.WARMUP_COSINE;
    private int warmupEpochs = DEFAULT_WARMUP_EPOCHS;
    private int decayEpochs = DEFAULT_DECAY_EPOCHS;
    private double gamma = DEFAULT_GAMMA;
    private double clipNorm;
    private WeightDecayScope decayScope = WeightDecayScope.ALL;
    private double warmupLr;

    private Builder() {}

    public Builder decayScope(WeightDecayScope v) {
      decayScope = v;
      return this;
    }

    public Builder warmupLr(double v) {
      warmupLr = v;
      return this;
    }

    public Builder optimizer(Optimizers v) {
      optimizer = v;
      return this;
    }

    public Builder lr(double v) {
      lr = v;
      return this;
    }

    public Builder minLr(double v) {
      minLr = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    public Builder nesterov(boolean v) {
      nesterov = v;
      return this;
    }

    public Builder schedule(Schedules v) {
      schedule = v;
      return this;
    }

    public Builder warmupEpochs(int v) {
      warmupEpochs = v;
      return this;
    }

    public Builder decayEpochs(int v) {
      decayEpochs = v;
      return this;
    }

    public Builder gamma(double v) {
      gamma = v;
      return this;
    }

    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    public OptimizerConfig build() {
      return new OptimizerConfig(
          optimizer,
          lr,
          minLr,
          weightDecay,
          momentum,
          nesterov,
          schedule,
          warmupEpochs,
          decayEpochs,
          gamma,
          clipNorm,
          decayScope,
          warmupLr);
    }
  }
}
