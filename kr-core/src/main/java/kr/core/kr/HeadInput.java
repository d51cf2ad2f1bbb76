package kr.core.kr;

import java.util.Locale;
import kr.core.graph.Checks;

/**
 * What the classifier reads besides the pooled features.
 *
 * <p>KR's head reads cat[pooled, d], and d keeps d_0 (a projection of the image's lowest DFT
 * magnitudes) all the way to the head, so a KR classifier can read the low-frequency spectrum
 * directly. {@link #D0} and {@link #NONE} are the controls that separate that shortcut from better
 * kernels (they are not in the paper):
 *
 * <ul>
 *   <li>{@link #FULL}: cat[pooled, d] for KR, pooled features alone for static and dynamic-only
 *       networks (the paper);
 *   <li>{@link #D0}: cat[pooled, d_0], d_0 built and trained exactly as in KR, for networks that do
 *       not grow d (static kernels, the dynamic-only ablation), whose d stays d_0 to the head;
 *   <li>{@link #NONE}: pooled features only; in KR d still drives the kernel generation.
 * </ul>
 */
public enum HeadInput {
  FULL,
  D0,
  NONE;

  /** Parses {@code full}, {@code d0} or {@code none} (any case). */
  public static HeadInput parse(String text) {
    Checks.notNull("head input", text);
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (HeadInput h : values()) {
      if (h.name().equals(t)) {
        return h;
      }
    }
    throw new IllegalArgumentException(
        "head input must be one of full, d0 or none, got '" + text + "'");
  }

  /** The lower-case name used in labels and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
