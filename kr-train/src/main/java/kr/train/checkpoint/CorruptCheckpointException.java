package kr.train.checkpoint;

import java.io.IOException;

/** A checkpoint file that is not one, is truncated or fails its CRC. */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptCheckpointException(String message) {
    super(message);
  }
}
