package kr.train.checkpoint;

/**
 * A readable checkpoint that does not fit the model it is restored into: a tensor's shape differs,
 * or the model has variables the checkpoint lacks (it was written for another backbone, KR setting,
 * method or number of classes). The message names the tensor(s) and, for a shape, the checkpoint's
 * and the model's dims. An {@link IllegalStateException}, as restoring documented before this type
 * existed.
 */
public final class CheckpointMismatchException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the tensor(s), and the expected and found shapes
   */
  public CheckpointMismatchException(String message) {
    super(message);
  }
}
