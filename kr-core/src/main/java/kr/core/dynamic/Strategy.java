package kr.core.dynamic;

/**
 * How a dynamic layer executes its per-sample kernels. All strategies compute the same function
 * (tests check them against each other and against a direct per-sample computation); they differ in
 * speed, which depends on the layer's shape. {@link #AUTO} picks by {@link CostModel}.
 */
public enum Strategy {
  /** Pick per layer shape with the cost model. */
  AUTO,
  /**
   * Aggregate one kernel per sample (a [B, n]·[n, |W|] GEMM), then a batched matrix product: for
   * convolutions over the im2col patches of {@link PerSampleConv#patches}.
   */
  PER_SAMPLE,
  /**
   * Never materialise per-sample kernels: Σ_k α_k·op(x, W_k). For linears, the inputs scaled by α_k
   * are concatenated and hit one [n·C_in, C_out] GEMM; for convolutions, one convolution with
   * n·C_out outputs is mixed afterwards.
   */
  MIXTURE,
  /**
   * Convolutions only: the batch folded into channels, one grouped convolution (groups = B·g).
   * Inference only for non-depthwise layers: TF's CPU Conv2D cannot differentiate a grouped filter.
   */
  GROUPED_BATCH,
  /**
   * Dense convolutions only: the mixture route over im2col patches. The spatial attention scales
   * the patches, one GEMM against all n kernels [k²·C_in, n·C_out], the outputs mixed per sample by
   * α. n× the convolution's MACs, at dense-GEMM speed, with no per-sample kernel in memory.
   */
  PATCH_MIXTURE
}
