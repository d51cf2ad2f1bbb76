package kr.bench.cli;

import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line flag behind each setting that the configuration records validate: their messages
 * name the record component ({@code batchSize must be > 0, got 0}); {@link #rename} makes them name
 * the flag the user typed ({@code --batch-size must be > 0, got 0}).
 */
final class FlagNames {
  /** Record components of the training and evaluation settings, and their flags. */
  static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("epochs", "--epochs"),
          Map.entry("runEpochs", "--epochs"),
          Map.entry("batchSize", "--batch-size"),
          Map.entry("evalBatchSize", "--eval-batch-size"),
          Map.entry("lr", "--lr"),
          Map.entry("minLr", "--min-lr"),
          Map.entry("weightDecay", "--wd"),
          Map.entry("momentum", "--momentum"),
          Map.entry("warmupEpochs", "--warmup-epochs"),
          Map.entry("decayEpochs", "--decay-epochs"),
          Map.entry("gamma", "--gamma"),
          Map.entry("clipNorm", "--clip-norm"),
          Map.entry("labelSmoothing", "--label-smoothing"),
          Map.entry("maxStepsPerEpoch", "--max-steps"),
          Map.entry("maxEvalBatches", "--max-eval-batches"),
          Map.entry("keepCheckpoints", "--keep"),
          Map.entry("workers", "--workers"),
          Map.entry("height", "--image-size"),
          Map.entry("width", "--image-size"));

  private static final Pattern NAME =
      Pattern.compile("\\b(" + String.join("|", FLAGS.keySet()) + ")\\b(?= must|=)");

  private FlagNames() {}

  /** {@code message} with each component name followed by " must" or "=" replaced by its flag. */
  static String rename(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = NAME.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(FLAGS.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Builds settings from flags; an {@link IllegalArgumentException} comes back naming the flags.
   */
  static <T> T rename(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String renamed = rename(e.getMessage());
      if (renamed == null || renamed.equals(e.getMessage())) {
        throw e;
      }
      throw new IllegalArgumentException(renamed, e);
    }
  }
}
