package kr.backbones.api;

import kr.core.graph.Checks;

/**
 * Where a residual block sits in its backbone: its kind, its 0-based index among all the backbone's
 * blocks (stage boundaries ignored) and the block count, plus the expansion factor t of an inverted
 * residual (1 for ResNet blocks).
 */
public record BlockSpec(BlockKind kind, int index, int count, int expansion) {

  public BlockSpec {
    Checks.notNull("kind", kind);
    Checks.positive("count", count);
    Checks.check(index >= 0 && index < count, "index", index, "must be in [0, " + count + ")");
    Checks.positive("expansion", expansion);
  }

  /** A ResNet BasicBlock. */
  public static BlockSpec basic(int index, int count) {
    return new BlockSpec(BlockKind.BASIC, index, count, 1);
  }

  /** A ResNet Bottleneck. */
  public static BlockSpec bottleneck(int index, int count) {
    return new BlockSpec(BlockKind.BOTTLENECK, index, count, 1);
  }

  /** A MobileNetV2 inverted residual with expansion t. */
  public static BlockSpec invertedResidual(int index, int count, int expansion) {
    return new BlockSpec(BlockKind.INVERTED_RESIDUAL, index, count, expansion);
  }

  /** True when this block is among the last {@code n} of the backbone. */
  public boolean amongLast(int n) {
    return index >= count - n;
  }
}
