package kr.data;

/**
 * A dataset file or folder does not hold what its format promises: missing, truncated, wrong magic
 * number, mismatched counts, out-of-range label, undecodable image, empty class folder. The message
 * always names the file (or folder), the offset or entry, and what was expected, so the broken
 * input can be found and fixed.
 */
public class DatasetFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the file, the offset or entry, and what was expected
   */
  public DatasetFormatException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the file, the offset or entry, and what was expected
   * @param cause the underlying I/O or decoding failure
   */
  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
