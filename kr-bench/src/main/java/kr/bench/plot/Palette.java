package kr.bench.plot;

import java.awt.Color;

/** Distinct class colours: matplotlib's {@code tab20}, darker shades first, then repeating. */
final class Palette {
  private static final int[] TAB20 = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7,
    0xdbdb8d, 0x9edae5
  };

  /** Distinct colours before they repeat. */
  static final int SIZE = TAB20.length;

  private Palette() {}

  /** The colour of class or series {@code index >= 0}. */
  static Color color(int index) {
    return new Color(TAB20[index % TAB20.length]);
  }
}
