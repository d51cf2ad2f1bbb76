package kr.core.kr;

/**
 * What the kernel generator S predicts for each dynamic layer (the paper's Eq. 5 leaves it open,
 * see the README's "Reading the paper").
 */
public enum AttentionMode {
  /** α ∈ ℝⁿ only: softmax over the n kernels (sigmoid when n = 1). */
  KERNEL_ONLY,
  /**
   * ODConv-style: the kernel attention plus sigmoid attentions over input channels, output channels
   * and (for k×k convolutions) the k² spatial positions, all from the same h̃.
   */
  OMNI
}
