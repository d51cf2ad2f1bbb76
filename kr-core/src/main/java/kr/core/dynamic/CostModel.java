package kr.core.dynamic;

/**
 * Chooses a {@link Strategy} from the layer shape by estimated time: multiply-accumulates of each
 * route divided by the throughput its ops reach on CPU. The throughputs are the measurements of
 * the dynamic-layer benchmark ({@code kr bench dynamic}) on a 2-core machine with TF Java 1.1.0:
 * dense GEMM and Conv2D (oneDNN) ~250 GMAC/s, batched small GEMMs (Eigen BatchMatMul) ~6× slower.
 */
public final class CostModel {
  /** Relative cost of one MAC in a batched small matrix product vs a dense GEMM/conv. */
  static final double BATCHED_PENALTY = 6.0;

  private CostModel() {}

  /** Strategy for a dynamic linear: tokens positions per sample, n kernels, in → out. */
  public static Strategy linear(long positions, int n, long in, long out) {
    double perSample = n * in * out + BATCHED_PENALTY * positions * in * out;
    double mixture = (double) n * positions * in * out;
    return perSample < mixture ? Strategy.PER_SAMPLE : Strategy.MIXTURE;
  }

  /**
   * Strategy for a dynamic convolution. Spatial attention and depthwise layers need per-sample
   * kernels (the mixture route would need one convolution per spatial position).
   */
  public static Strategy conv(long outPositions, int n, long kernelArea, long in, long out,
      boolean depthwise, boolean spatialAttention, int groups) {
    if (spatialAttention || depthwise) {
      return Strategy.PER_SAMPLE;
    }
    if (groups > 1) {
      return Strategy.MIXTURE;
    }
    double macs = (double) outPositions * kernelArea * in * out;
    double perSample = n * kernelArea * in * out + 1.15 * macs;
    double mixture = n * macs;
    return perSample < mixture ? Strategy.PER_SAMPLE : Strategy.MIXTURE;
  }
}
