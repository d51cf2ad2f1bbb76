package kr.train;

/**
 * The one line of an error that a user is shown: TensorFlow's messages run to many lines (op
 * traces, the {@code From /job:...:} header of a distributed runtime error), and a report or a
 * one-line CLI error needs only the informative first one.
 */
public final class ErrorMessages {
  /** Longest line returned; longer ones are cut and end with "...". */
  public static final int MAX_LENGTH = 200;

  private ErrorMessages() {}

  /**
   * The first line of {@code message} that is not blank and not a {@code From /job:...:} header,
   * stripped and at most {@link #MAX_LENGTH} characters; "no message" for null or blank text.
   */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no message";
    }
    String first = null;
    for (String line : message.strip().split("\\R")) {
      String l = line.strip();
      if (first == null) {
        first = l;
      }
      if (!l.isEmpty() && !(l.startsWith("From /") && l.endsWith(":"))) {
        first = l;
        break;
      }
    }
    return first.length() > MAX_LENGTH ? first.substring(0, MAX_LENGTH) + "..." : first;
  }

  /** {@link #firstLine(String)} of the error's message, or its class name when it has none. */
  public static String firstLine(Throwable error) {
    String m = error.getMessage();
    return m == null || m.isBlank() ? error.getClass().getSimpleName() : firstLine(m);
  }
}
