package kr.data;

import java.util.Optional;

/**
 * Random access to the examples of one split. Implementations must be safe for concurrent {@link
 * #read} calls from several pipeline workers.
 */
public interface ExampleSource {
  /**
   * @return number of examples
   */
  int size();

  /**
   * @param index example index in {@code 0..size()-1}
   * @return its class label, without decoding the image
   */
  int label(int index);

  /**
   * Reads one example. In-memory sources always return a value; streaming sources configured to
   * skip corrupt files return empty (after logging and counting the failure) instead of throwing.
   *
   * @param index example index in {@code 0..size()-1}
   * @return the example, or empty if it was skipped as corrupt
   * @throws DatasetFormatException if the example cannot be read and skipping is off
   */
  Optional<Example> read(int index);

  /**
   * Checks an index argument.
   *
   * @param index index to check
   * @param size number of examples
   * @return {@code index}
   */
  static int checkIndex(int index, int size) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index must be in [0, " + size + "), got " + index);
    }
    return index;
  }
}
