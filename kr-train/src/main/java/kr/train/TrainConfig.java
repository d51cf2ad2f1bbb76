package kr.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.core.graph.Checks;
import kr.train.optim.OptimizerSpec;
import kr.train.optim.Optimizers;
import kr.train.optim.ScheduleSpec;
import kr.train.optim.Schedules;
import kr.core.graph.TemperatureSchedule;

/**
 * Everything a training run is configured by. Validated on construction: a bad value throws an
 * {@link IllegalArgumentException} naming the field and the value. Build one with {@link
 * #builder()}; defaults are the paper's recipe (AdamW, lr 1e-3, wd 5e-5, 5 warmup epochs then
 * cosine).
 *
 * @param epochs epochs to train
 * @param batchSize training batch size
 * @param evalBatchSize evaluation batch size (0: same as {@code batchSize})
 * @param lr peak learning rate
 * @param minLr the cosine schedule's floor
 * @param weightDecay decoupled for AdamW, L2 for SGD (see {@link OptimizerSpec})
 * @param optimizer which optimizer
 * @param momentum SGD momentum
 * @param nesterov SGD Nesterov momentum
 * @param schedule the LR schedule
 * @param warmupEpochs linear warmup length (≤ epochs)
 * @param decayEpochs the step schedule's period
 * @param gamma the step schedule's factor
 * @param seed seeds the parameter initialisers and the data order
 * @param labelSmoothing ε of label smoothing, in [0, 1)
 * @param clipNorm global-norm gradient clipping threshold (0: off)
 * @param temperature the temperature schedule for dynamic-kernel baselines
 * @param keepCheckpoints how many step checkpoints to keep (the best is kept apart)
 * @param outDir the run directory
 * @param resume continue from the newest checkpoint in {@code outDir}
 * @param maxStepsPerEpoch cap on training steps per epoch (0: the whole split), for short runs
 * @param maxEvalBatches cap on evaluation batches (0: the whole split)
 * @param intraOpThreads TensorFlow intra-op threads (0: TensorFlow's default)
 * @param interOpThreads TensorFlow inter-op threads (0: TensorFlow's default)
 * @param progress show a progress bar on stderr
 */
public record TrainConfig(int epochs, int batchSize, int evalBatchSize, double lr, double minLr,
    double weightDecay, Optimizers optimizer, double momentum, boolean nesterov,
    Schedules schedule, int warmupEpochs, int decayEpochs, double gamma, long seed,
    double labelSmoothing, double clipNorm, TemperatureSchedule temperature, int keepCheckpoints,
    Path outDir, boolean resume, int maxStepsPerEpoch, int maxEvalBatches, int intraOpThreads,
    int interOpThreads, boolean progress) {

  public static final int DEFAULT_EPOCHS = 100;
  public static final int DEFAULT_BATCH_SIZE = 128;
  public static final double DEFAULT_LR = 1e-3;
  public static final double DEFAULT_WEIGHT_DECAY = 5e-5;
  public static final int DEFAULT_WARMUP_EPOCHS = 5;
  public static final int DEFAULT_DECAY_EPOCHS = 30;
  public static final double DEFAULT_GAMMA = 0.1;
  public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

  public TrainConfig {
    Checks.positive("epochs", epochs);
    Checks.positive("batchSize", batchSize);
    Checks.nonNegative("evalBatchSize", evalBatchSize);
    Checks.positive("lr", lr);
    Checks.check(minLr >= 0 && minLr <= lr, "minLr", minLr, "must be in [0, lr=" + lr + "]");
    Checks.check(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay,
        "must be a finite number >= 0");
    Checks.notNull("optimizer", optimizer);
    Checks.check(momentum >= 0 && momentum < 1, "momentum", momentum, "must be in [0, 1)");
    Checks.notNull("schedule", schedule);
    Checks.nonNegative("warmupEpochs", warmupEpochs);
    Checks.check(warmupEpochs <= epochs, "warmupEpochs", warmupEpochs,
        "must be <= epochs (" + epochs + ")");
    Checks.positive("decayEpochs", decayEpochs);
    Checks.check(gamma > 0 && gamma <= 1, "gamma", gamma, "must be in (0, 1]");
    Checks.check(labelSmoothing >= 0 && labelSmoothing < 1, "labelSmoothing", labelSmoothing,
        "must be in [0, 1)");
    Checks.check(clipNorm >= 0 && Double.isFinite(clipNorm), "clipNorm", clipNorm,
        "must be a finite number >= 0 (0 = off)");
    Checks.notNull("temperature", temperature);
    Checks.positive("keepCheckpoints", keepCheckpoints);
    Checks.notNull("outDir", outDir);
    Checks.nonNegative("maxStepsPerEpoch", maxStepsPerEpoch);
    Checks.nonNegative("maxEvalBatches", maxEvalBatches);
    Checks.nonNegative("intraOpThreads", intraOpThreads);
    Checks.nonNegative("interOpThreads", interOpThreads);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().epochs(epochs).batchSize(batchSize).evalBatchSize(evalBatchSize).lr(lr)
        .minLr(minLr).weightDecay(weightDecay).optimizer(optimizer).momentum(momentum)
        .nesterov(nesterov).schedule(schedule).warmupEpochs(warmupEpochs)
        .decayEpochs(decayEpochs).gamma(gamma).seed(seed).labelSmoothing(labelSmoothing)
        .clipNorm(clipNorm).temperature(temperature).keepCheckpoints(keepCheckpoints)
        .outDir(outDir).resume(resume).maxStepsPerEpoch(maxStepsPerEpoch)
        .maxEvalBatches(maxEvalBatches).intraOpThreads(intraOpThreads)
        .interOpThreads(interOpThreads).progress(progress);
  }

  /** The batch size evaluation uses. */
  public int effectiveEvalBatchSize() {
    return evalBatchSize == 0 ? batchSize : evalBatchSize;
  }

  public OptimizerSpec optimizerSpec() {
    return new OptimizerSpec(weightDecay, momentum, nesterov, OptimizerSpec.DEFAULT_BETA1,
        OptimizerSpec.DEFAULT_BETA2, OptimizerSpec.DEFAULT_EPSILON);
  }

  /** The LR schedule's spec for {@code stepsPerEpoch} training steps per epoch. */
  public ScheduleSpec scheduleSpec(long stepsPerEpoch) {
    return new ScheduleSpec(lr, minLr, warmupEpochs * stepsPerEpoch, epochs * stepsPerEpoch,
        decayEpochs * stepsPerEpoch, gamma);
  }

  /** The resolved configuration as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", batchSize);
    m.put("eval_batch_size", effectiveEvalBatchSize());
    m.put("lr", lr);
    m.put("min_lr", minLr);
    m.put("weight_decay", weightDecay);
    m.put("optimizer", optimizer.name());
    m.put("momentum", momentum);
    m.put("nesterov", nesterov);
    m.put("schedule", schedule.name());
    m.put("warmup_epochs", warmupEpochs);
    m.put("decay_epochs", decayEpochs);
    m.put("gamma", gamma);
    m.put("seed", seed);
    m.put("label_smoothing", labelSmoothing);
    m.put("clip_norm", clipNorm);
    m.put("temperature", temperature.enabled()
        ? "linear " + temperature.initial() + "->1 over " + temperature.epochs() + " epochs"
        : "none");
    m.put("keep_checkpoints", keepCheckpoints);
    m.put("out_dir", outDir.toString());
    m.put("resume", resume);
    m.put("max_steps_per_epoch", maxStepsPerEpoch);
    m.put("max_eval_batches", maxEvalBatches);
    m.put("intra_op_threads", intraOpThreads);
    m.put("inter_op_threads", interOpThreads);
    return m;
  }

  /** The fields that decide the numbers a run produces (what a resume must not change). */
  Map<String, Object> numericIdentity() {
    Map<String, Object> m = toMap();
    m.remove("out_dir");
    m.remove("resume");
    m.remove("keep_checkpoints");
    m.remove("eval_batch_size");
    m.remove("max_eval_batches");
    return m;
  }

  public String toJson() {
    return Json.write(toMap());
  }

  /** Builder; unset fields take the defaults. {@code outDir} is required. */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int evalBatchSize;
    private double lr = DEFAULT_LR;
    private double minLr;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private Optimizers optimizer = Optimizers.ADAMW;
    private double momentum = OptimizerSpec.DEFAULT_MOMENTUM;
    private boolean nesterov = true;
    private Schedules schedule = Schedules.WARMUP_COSINE;
    private int warmupEpochs = DEFAULT_WARMUP_EPOCHS;
    private int decayEpochs = DEFAULT_DECAY_EPOCHS;
    private double gamma = DEFAULT_GAMMA;
    private long seed;
    private double labelSmoothing;
    private double clipNorm;
    private TemperatureSchedule temperature = TemperatureSchedule.none();
    private int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
    private Path outDir;
    private boolean resume;
    private int maxStepsPerEpoch;
    private int maxEvalBatches;
    private int intraOpThreads;
    private int interOpThreads;
    private boolean progress = true;

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

    public Builder optimizer(Optimizers v) {
      optimizer = v;
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

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder labelSmoothing(double v) {
      labelSmoothing = v;
      return this;
    }

    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    public Builder temperature(TemperatureSchedule v) {
      temperature = v;
      return this;
    }

    public Builder keepCheckpoints(int v) {
      keepCheckpoints = v;
      return this;
    }

    public Builder outDir(Path v) {
      outDir = v;
      return this;
    }

    public Builder resume(boolean v) {
      resume = v;
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

    /** Intra- and inter-op threads (1 and 1 give the most reproducible numbers). */
    public Builder threads(int intraOp, int interOp) {
      intraOpThreads = intraOp;
      interOpThreads = interOp;
      return this;
    }

    public Builder intraOpThreads(int v) {
      intraOpThreads = v;
      return this;
    }

    public Builder interOpThreads(int v) {
      interOpThreads = v;
      return this;
    }

    public Builder progress(boolean v) {
      progress = v;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(epochs, batchSize, evalBatchSize, lr, minLr, weightDecay, optimizer,
          momentum, nesterov, schedule, warmupEpochs, decayEpochs, gamma, seed, labelSmoothing,
          clipNorm, temperature, keepCheckpoints, outDir, resume, maxStepsPerEpoch,
          maxEvalBatches, intraOpThreads, interOpThreads, progress);
    }
  }
}
