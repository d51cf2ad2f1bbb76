package kr.data;

/**
 * One decoded example: its image (0..255 HWC floats) and class label.
 *
 * @param image the decoded image
 * @param label the class index
 */
public record Example(Image image, int label) {
  /** Checks the fields. */
  public Example {
    Checks.notNull("image", image);
    Checks.nonNegative("label", label);
  }
}
