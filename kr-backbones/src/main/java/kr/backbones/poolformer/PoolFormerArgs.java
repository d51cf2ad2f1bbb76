package kr.backbones.poolformer;

import java.util.List;
import kr.core.graph.Checks;

/**
 * Architecture arguments of a PoolFormer (the reference's {@code layers, embed_dims, mlp_ratios,
 * layer_scale_init_value, pool_size}).
 *
 * @param layers blocks per stage
 * @param widths channels per stage (same length as {@code layers})
 * @param mlpRatio MLP hidden width as a multiple of the stage width
 * @param layerScale initial value of the per-channel layer scales
 * @param poolSize side of the average-pooling token mixer (stride 1)
 * @param stem the patch-embedding stem
 */
public record PoolFormerArgs(
    List<Integer> layers,
    List<Integer> widths,
    int mlpRatio,
    double layerScale,
    int poolSize,
    Stem stem) {

  /**
   * The stem's convolution (with bias): the reference's 7×7 stride-4 padding-2 patch embedding, or
   * a 3×3 stride-1 padding-1 one for 28–32 pixel inputs.
   *
   * @param kernel side of the kernel
   * @param stride stride (the patch size of the first stage)
   * @param padding zero padding per side
   */
  public record Stem(int kernel, int stride, int padding) {
    /** The reference's patch embedding: 7×7, stride 4, padding 2 (224 → 56). */
    public static final Stem IMAGENET = new Stem(7, 4, 2);

    /** The CIFAR adaptation: 3×3, stride 1, padding 1 (32 → 32, as the CIFAR ResNet stem). */
    public static final Stem CIFAR = new Stem(3, 1, 1);

    public Stem {
      Checks.positive("stem kernel", kernel);
      Checks.positive("stem stride", stride);
      Checks.nonNegative("stem padding", padding);
    }
  }

  public static final int DEFAULT_MLP_RATIO = 4;
  public static final double DEFAULT_LAYER_SCALE = 1e-5;
  public static final int DEFAULT_POOL_SIZE = 3;

  public PoolFormerArgs {
    layers = List.copyOf(Checks.notNull("layers", layers));
    widths = List.copyOf(Checks.notNull("widths", widths));
    Checks.check(
        !layers.isEmpty() && layers.size() == widths.size(),
        "layers",
        layers,
        "must be non-empty and as long as widths " + widths);
    layers.forEach(n -> Checks.positive("layers per stage", n));
    widths.forEach(w -> Checks.positive("stage width", w));
    Checks.positive("mlpRatio", mlpRatio);
    Checks.positive("layerScale", layerScale);
    Checks.check(poolSize > 0 && poolSize % 2 == 1, "poolSize", poolSize, "must be odd and > 0");
    Checks.notNull("stem", stem);
  }

  /** The reference's ImageNet stem. */
  public PoolFormerArgs(
      List<Integer> layers, List<Integer> widths, int mlpRatio, double layerScale, int poolSize) {
    this(layers, widths, mlpRatio, layerScale, poolSize, Stem.IMAGENET);
  }

  /** MLP ratio 4, layer scale 1e-5, 3×3 pooling, the ImageNet stem. */
  public PoolFormerArgs(List<Integer> layers, List<Integer> widths) {
    this(layers, widths, DEFAULT_MLP_RATIO, DEFAULT_LAYER_SCALE, DEFAULT_POOL_SIZE);
  }

  public int stages() {
    return layers.size();
  }

  public int blocks() {
    return layers.stream().mapToInt(Integer::intValue).sum();
  }

  public PoolFormerArgs withMlpRatio(int r) {
    return new PoolFormerArgs(layers, widths, r, layerScale, poolSize, stem);
  }

  public PoolFormerArgs withLayerScale(double s) {
    return new PoolFormerArgs(layers, widths, mlpRatio, s, poolSize, stem);
  }

  public PoolFormerArgs withPoolSize(int p) {
    return new PoolFormerArgs(layers, widths, mlpRatio, layerScale, p, stem);
  }

  public PoolFormerArgs withStem(Stem s) {
    return new PoolFormerArgs(layers, widths, mlpRatio, layerScale, poolSize, s);
  }
}
