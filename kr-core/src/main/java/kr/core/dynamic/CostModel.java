package kr.core.dynamic;

/**
 * Chooses a {@link Strategy} from the layer shape by estimated forward+backward time: the
 * multiply-accumulates of each route weighted by how fast its ops run on CPU relative to a dense
 * GEMM or a static convolution. The weights are fitted to the dynamic-layer benchmark ({@code kr
 * bench dynamic}, 2 cores, TF Java 1.1.0, results/dynamic-layers*.md) and to profiled training
 * steps of the small-input ResNet-18 and MobileNetV2 ({@code kr profile}).
 */
public final class CostModel {
  /** Relative cost of one MAC in a batched per-sample product vs a dense GEMM. */
  static final double BATCHED_PENALTY = 2.5;

  /** Relative cost of one MAC of the mixture route vs a dense GEMM. */
  static final double MIXTURE_OVERHEAD = 1.3;

  /** Per-sample kernel aggregation and its gradient, per kernel, in static-convolution MACs. */
  static final double AGGREGATION_COST = 80;

  /** One MAC of the batched per-sample convolution product, in static-convolution MACs. */
  static final double CONV_BATCHED_PENALTY = 1.7;

  /** One MAC of the patch mixture's GEMM (patches included), in static-convolution MACs. */
  static final double PATCH_MIXTURE_COST = 2;

  private CostModel() {}

  /** Strategy for a dynamic linear: tokens positions per sample, n kernels, in → out. */
  public static Strategy linear(long positions, int n, long in, long out) {
    double perSample = n * in * out + BATCHED_PENALTY * positions * in * out;
    double mixture = MIXTURE_OVERHEAD * n * positions * in * out;
    return perSample < mixture ? Strategy.PER_SAMPLE : Strategy.MIXTURE;
  }

  /**
   * Strategy for a dynamic convolution.
   *
   * <ul>
   *   <li>Depthwise: the batch folded into channels, one depthwise convolution ({@link
   *       Strategy#GROUPED_BATCH}, whose filter gradient TF's CPU kernels have): MobileNetV2-CIFAR
   *       KR 4× trained a step in 1.67 s against 4.14 s with per-sample patch products (batch 32).
   *   <li>Dense with a spatial attention: per-sample kernels, or the patch mixture where the
   *       estimate says so. Per |W| and sample, per-sample kernels cost {@link #AGGREGATION_COST}·n
   *       (the aggregation and its gradient, memory-bound) plus {@link
   *       #CONV_BATCHED_PENALTY}·positions (the batched products), the patch mixture {@link
   *       #PATCH_MIXTURE_COST}·n·positions (n× the GEMM), in units of a static convolution's MAC,
   *       fitted to ResNet-18's layer shapes (batch 16): the patch mixture wins on small maps (7×7
   *       and 14×14 at n = 1, CIFAR's 4×4 at n = 4), per-sample kernels on large ones.
   *   <li>Dense without: the mixture of one convolution with n·C_out outputs where cheaper.
   * </ul>
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
      return Strategy.GROUPED_BATCH;
    }
    if (spatialAttention) {
      if (groups > 1) {
        return Strategy.PER_SAMPLE;
      }
      double perSample = AGGREGATION_COST * n + CONV_BATCHED_PENALTY * outPositions;
      double patchMixture = PATCH_MIXTURE_COST * n * outPositions;
      return patchMixture < perSample ? Strategy.PATCH_MIXTURE : Strategy.PER_SAMPLE;
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
