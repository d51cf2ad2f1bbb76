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
 */
public record PoolFormerArgs(
    List<Integer> layers, List<Integer> widths, int mlpRatio, double layerScale, int poolSize) {

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
  }

  /** MLP ratio 4, layer scale 1e-5, 3×3 pooling. */
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
    return new PoolFormerArgs(layers, widths, r, layerScale, poolSize);
  }

  public PoolFormerArgs withLayerScale(double s) {
    return new PoolFormerArgs(layers, widths, mlpRatio, s, poolSize);
  }

  public PoolFormerArgs withPoolSize(int p) {
    return new PoolFormerArgs(layers, widths, mlpRatio, layerScale, p);
  }
}
