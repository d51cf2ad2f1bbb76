package kr.bench.cli;

import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.recipe.Recipe;
import picocli.CommandLine.ParseResult;

/**
 * {@code kr train --recipe NAME}: the recipe's settings, overridden by every recipe flag the
 * command line gives ({@link ParseResult#hasMatchedOption}). The batch size and epochs are resolved
 * first, so that the recipe's lr scales with the batch given ({@link Recipe#lrFor}) and its warmup
 * shrinks for a short run ({@link Recipe#warmupFor}). The lr floor and the warmup's starting lr,
 * when not given, are capped at the resolved lr.
 */
final class RecipeOverrides {
  private RecipeOverrides() {}

  /**
   * The optimizer settings: the recipe's at the resolved batch and epochs, then the flags given.
   */
  static OptimizerConfig optimizer(Recipe r, ParseResult given, TrainCommand flags) {
    int batch = batchSize(r, given, flags);
    OptimizerConfig.Builder o = r.optimizerFor(batch, epochs(r, given, flags)).toBuilder();
    OptimizerConfig base = o.build();
    double lr = given.hasMatchedOption("--lr") ? flags.lr : base.lr();
    o.lr(lr)
        .minLr(given.hasMatchedOption("--min-lr") ? flags.minLr : Math.min(base.minLr(), lr))
        .warmupLr(Math.min(base.warmupLr(), lr));
    if (given.hasMatchedOption("--wd")) {
      o.weightDecay(flags.weightDecay);
    }
    if (given.hasMatchedOption("--optimizer")) {
      o.optimizer(flags.optimizer);
    }
    if (given.hasMatchedOption("--momentum")) {
      o.momentum(flags.momentum);
    }
    if (given.hasMatchedOption("--no-nesterov")) {
      o.nesterov(false);
    }
    if (given.hasMatchedOption("--schedule")) {
      o.schedule(flags.schedule);
    }
    if (given.hasMatchedOption("--warmup-epochs")) {
      o.warmupEpochs(flags.warmupEpochs);
    }
    if (given.hasMatchedOption("--decay-epochs")) {
      o.decayEpochs(flags.decayEpochs);
    }
    if (given.hasMatchedOption("--gamma")) {
      o.gamma(flags.gamma);
    }
    if (given.hasMatchedOption("--clip-norm")) {
      o.clipNorm(flags.clipNorm);
    }
    return o.build();
  }

  /**
   * The loop settings the recipe holds (epochs, batch size, label smoothing), each overridden by
   * its flag when given; the caller sets the rest.
   */
  static LoopConfig.Builder loop(Recipe r, ParseResult given, TrainCommand flags) {
    return r.loop()
        .epochs(epochs(r, given, flags))
        .batchSize(batchSize(r, given, flags))
        .labelSmoothing(
            given.hasMatchedOption("--label-smoothing")
                ? flags.labelSmoothing
                : r.regularisers().labelSmoothing());
  }

  private static int batchSize(Recipe r, ParseResult given, TrainCommand flags) {
    return given.hasMatchedOption("--batch-size") ? flags.batchSize : r.batchSize();
  }

  private static int epochs(Recipe r, ParseResult given, TrainCommand flags) {
    return given.hasMatchedOption("--epochs") ? flags.epochs : r.epochs();
  }
}
