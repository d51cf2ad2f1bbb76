package kr.train.checkpoint;

import java.io.IOException;

/**
 * A checkpoint written in another format version than this build reads. Unlike a {@link
 * CorruptCheckpointException}, a resume does not skip it: it stops with this one-line message
 * naming the file and both versions.
 */
public final class CheckpointVersionException extends IOException {
  private static final long serialVersionUID = 1L;

  public CheckpointVersionException(String message) {
    super(message);
  }
}
