package kr.backbones.api;

/**
 * Where a backbone puts its dynamic kernels, and so which {@link DynamicKernelMethod}s it can be
 * built with: a backbone supports a method when the method covers every site the backbone uses
 * ({@link BackboneFactory#supports}).
 */
public enum KernelSite {
  /**
   * The convolutions of residual blocks ({@link DynamicKernelMethod#block}, with a {@link
   * BlockSpec} of a ResNet or MobileNetV2 {@link BlockKind}).
   */
  BLOCK_CONVOLUTIONS,
  /**
   * Convolutions that are layers of their own ({@link ConvRole#LAYER}: the stride-2 convolutions of
   * the small CNNs, PoolFormer's downsampling patch embeddings).
   */
  LAYER_CONVOLUTIONS,
  /**
   * The token-wise linears of transformer-like blocks ({@link DynamicKernelMethod#linears}: ViT's
   * qkv, proj, fc1, fc2; PoolFormer's fc1, fc2).
   */
  TOKEN_LINEARS
}
