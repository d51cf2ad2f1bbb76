package kr.backbones.api;

/**
 * What a convolution is within its backbone, so each {@link DynamicKernelMethod} can decide whether
 * it makes that convolution dynamic. ResNet blocks use {@link #BLOCK} for their 3×3 and 1×1 branch
 * convolutions; MobileNetV2 inverted residuals use {@link #EXPAND}, {@link #DEPTHWISE} and {@link
 * #PROJECT}.
 */
public enum ConvRole {
  /** The network stem (static for every baseline, as in the reference code). */
  STEM,
  /** A convolution of a ResNet residual branch (BasicBlock 3×3s, Bottleneck 1×1/3×3/1×1). */
  BLOCK,
  /** The 1×1 pointwise expansion of an inverted residual (t ≠ 1 only). */
  EXPAND,
  /** The depthwise 3×3 of an inverted residual. */
  DEPTHWISE,
  /** The 1×1 linear projection ("pw-linear") of an inverted residual. */
  PROJECT,
  /** The 1×1 projection of a downsampling shortcut. */
  SHORTCUT,
  /** The last 1×1 convolution of MobileNetV2 (to 1280 channels), outside any block. */
  FINAL_1X1,
  /**
   * A convolution that is a layer of its own, outside residual blocks ({@link
   * KernelSite#LAYER_CONVOLUTIONS}: the small CNNs' stride-2 convolutions, PoolFormer's
   * downsampling).
   */
  LAYER
}
