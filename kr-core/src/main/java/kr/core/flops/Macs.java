package kr.core.flops;

/** Multiply-accumulate formulas, per sample, shared by the layers and the tests. */
public final class Macs {
  private Macs() {}

  /** A linear map applied at {@code positions} positions (tokens). */
  public static long linear(long positions, long in, long out) {
    return positions * in * out;
  }

  /** A k×k convolution with {@code groups} groups producing an outH×outW map. */
  public static long conv(long outH, long outW, long kh, long kw, long in, long out, long groups) {
    return outH * outW * kh * kw * (in / groups) * out;
  }
}
