package kr.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Trainer#fit} returns.
 *
 * @param history one entry per finished epoch, the resumed ones included
 * @param globalStep steps taken in total
 * @param interrupted the run stopped early on request (Ctrl-C or {@link Trainer#requestStop}); its
 *     state is in {@code lastCheckpoint}
 * @param runDir the run directory
 * @param lastCheckpoint the newest checkpoint written, if any
 * @param bestCheckpoint the checkpoint with the best test top-1, if any
 */
public record TrainResult(
    List<EpochMetrics> history,
    long globalStep,
    boolean interrupted,
    Path runDir,
    Optional<Path> lastCheckpoint,
    Optional<Path> bestCheckpoint) {

  public TrainResult {
    history = List.copyOf(history);
  }

  /** The last finished epoch's metrics. */
  public Optional<EpochMetrics> last() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }

  /** The epoch with the best test top-1 (the earliest on ties). */
  public Optional<EpochMetrics> best() {
    EpochMetrics best = null;
    for (EpochMetrics m : history) {
      if (best == null || m.testTop1() > best.testTop1()) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }
}
