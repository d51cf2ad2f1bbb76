package kr.data.fuzz;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * One mutated input and how loading it may end.
 *
 * @param format input family, e.g. {@code "idx.gz"}
 * @param kind mutation kind, e.g. {@code "truncate"}
 * @param detail where and how the bytes were changed
 * @param target the mutated file (an error message must name it)
 * @param allowed the outcomes the format allows for this mutation
 * @param load loads the input; returns {@link Outcome#LOADED} or {@link Outcome#SKIPPED} after
 *     checking the loaded values against the mutation, or throws
 */
record FuzzCase(
    String format,
    String kind,
    String detail,
    Path target,
    Set<Outcome> allowed,
    Callable<Outcome> load) {

  /** How one case ended. */
  enum Outcome {
    /** A {@code DatasetFormatException} naming the file. */
    FORMAT_ERROR,
    /** Loaded: the mutation changed a value the format cannot check (a pixel, a label in range). */
    LOADED,
    /** Loaded with {@code skipCorrupt}: the corrupt image was logged, counted and skipped. */
    SKIPPED,
    /** Did not finish within the time limit. */
    HANG,
    /** Any other exception or error, or a wrong loaded value. */
    OTHER
  }

  @Override
  public String toString() {
    return format + " " + kind + " (" + detail + ") of " + target.getFileName();
  }
}
