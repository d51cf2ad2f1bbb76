package kr.core.dynamic;

/**
 * Chooses a {@link Strategy} from the layer shape by estimated forward+backward time: the
 * multiply-accumulates of each route weighted by how fast its ops run on CPU relative to a dense
 * GEMM. The weights are fitted to the dynamic-layer benchmark ({@code kr bench dynamic}, 2 cores,
 * TF Java 1.1.0, results/dynamic-layers*.md): a batched per-sample product (im2col + Eigen
 * BatchMatMul, forward and both gradients) costs ~1.5–3.7× the static layer whatever n, the mixture
 * route ~1–1.3× per kernel for linears and n=1 convolutions (it grows to ~5× for n = 4 on small
 * maps, which the model does not capture).
 */
public final class CostModel {
  /** Relative cost of one MAC in a batched per-sample product vs a dense GEMM. */
  static final double BATCHED_PENALTY = 2.5;

  /** Relative cost of one MAC of the mixture route vs a dense GEMM. */
  static final double MIXTURE_OVERHEAD = 1.3;

  private CostModel() {}

  /** Strategy for a dynamic linear: tokens positions per sample, n kernels, in → out. */
  public static Strategy linear(long positions, int n, long in, long out) {
    double perSample = n * in * out + BATCHED_PENALTY * positions * in * out;
    double mixture = MIXTURE_OVERHEAD * n * positions * in * out;
    return perSample < mixture ? Strategy.PER_SAMPLE : Strategy.MIXTURE;
  }

  /**
   * Strategy for a dynamic convolution. Spatial attention and depthwise layers need per-sample
   * kernels (the mixture route would need one convolution per spatial position).
   */
  public static Strategy conv(
      long outPositions,
      int n,
      long kernelArea,
      long in,
      long out,
      boolean depthwise,
      boolean spatialAttention,
      int groups) {
    if (spatialAttention || depthwise) {
      return Strategy.PER_SAMPLE;
    }
    if (groups > 1) {
      return Strategy.MIXTURE;
    }
    double macs = (double) outPositions * kernelArea * in * out;
    double perSample = n * kernelArea * in * out + BATCHED_PENALTY * macs;
    double mixture = n * macs;
    return perSample < mixture ? Strategy.PER_SAMPLE : Strategy.MIXTURE;
  }
}
