package kr.backbones.api;

/** The family of a residual block, which some methods size their layers by (DCD, CondConv). */
public enum BlockKind {
  /** ResNet-18/34 BasicBlock: two 3×3 convolutions. */
  BASIC,
  /** ResNet-50/101 Bottleneck: 1×1, 3×3, 1×1. */
  BOTTLENECK,
  /** MobileNetV2 inverted residual: (1×1 expand), depthwise 3×3, 1×1 project. */
  INVERTED_RESIDUAL;

  /** True for ResNet blocks. */
  public boolean resnet() {
    return this != INVERTED_RESIDUAL;
  }
}
