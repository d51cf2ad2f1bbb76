package kr.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The training loss became NaN or infinite. The run stopped without saving the diverged state;
 * {@link #lastGoodCheckpoint()} is the newest checkpoint written before it.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final transient Path lastGoodCheckpoint;

  DivergenceException(String message, long step, Path lastGoodCheckpoint) {
    super(message);
    this.step = step;
    this.lastGoodCheckpoint = lastGoodCheckpoint;
  }

  /** The global step (from 1) whose loss was not finite. */
  public long step() {
    return step;
  }

  public Optional<Path> lastGoodCheckpoint() {
    return Optional.ofNullable(lastGoodCheckpoint);
  }
}
