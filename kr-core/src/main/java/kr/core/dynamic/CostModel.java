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

  /** Output positions per output channel up to which one spatially attended kernel is mixed. */
  static final long PATCH_MIXTURE_POSITIONS_PER_CHANNEL = 8;

  private CostModel() {}

  /** Strategy for a dynamic linear: tokens positions per sample, n kernels, in → out. */
  public static Strategy linear(long positions, int n, long in, long out) {
    double perSample = n * in * out + BATCHED_PENALTY * positions * in * out;
    double mixture = MIXTURE_OVERHEAD * n * positions * in * out;
    return perSample < mixture ? Strategy.PER_SAMPLE : Strategy.MIXTURE;
  }

  /**
   * Strategy for a dynamic convolution. Depthwise layers need per-sample kernels. With a spatial
   * attention a dense layer takes per-sample kernels, or, for one kernel (n = 1) on maps with at
   * most {@link #PATCH_MIXTURE_POSITIONS_PER_CHANNEL} output positions per output channel, the
   * patch mixture: at ResNet-18's shapes (batch 16, forward + backward, 2 cores) it ran 1.28–1.38×
   * static against 1.41–2.02× for per-sample kernels on 28×28 and 14×14 maps, 3.4× against 1.6× on
   * 56×56, and lost at n = 4 everywhere (n× the GEMM).
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
    if (depthwise) {
      return Strategy.PER_SAMPLE;
    }
    if (spatialAttention) {
      return n == 1 && groups == 1 && outPositions <= PATCH_MIXTURE_POSITIONS_PER_CHANNEL * out
          ? Strategy.PATCH_MIXTURE
          : Strategy.PER_SAMPLE;
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
