package kr.bench.profile;

/** What an op does in a model, the rows of a profile's role table. */
public enum OpRole {
  /** MatMul, BatchMatMul and convolutions of the static network (attention products included). */
  BACKBONE_PRODUCT("backbone matmul/conv"),
  /** KR fusion: GAP of the unit's input, cat[d, GAP], the RF linear and its ReLU. */
  RF("KR fusion (RF)"),
  /** Kernel generation: the attention heads of KR and the baselines' attention/routing branches. */
  KG("kernel generation (KG)"),
  /** Σ_k α_k W_k per sample (and the spatial attention on the kernel). */
  AGGREGATION("kernel aggregation"),
  /** The dynamic layers' own ops: per-sample products, im2col, channel attention scaling, bias. */
  DYNAMIC_PRODUCT("dynamic matmul/conv"),
  /** KRG: α̃ = Linear(α), d̃ = BN(K(cat[h̃, α̃])), d_{i+1} = cat[d_i, d̃]. */
  KRG("KRG"),
  /** d₀ from the image's low DFT frequencies. */
  INITIAL_REPRESENTATION("d₀ (initial representation)"),
  /** BatchNorm, LayerNorm and GroupNorm (statistics, normalisation, moving averages). */
  NORMALISATION("BatchNorm/LayerNorm"),
  /** Softmax over attention scores. */
  SOFTMAX("attention softmax"),
  /** Transpose, Concat, Pack/Unpack, slices, Pad, Tile, Reshape. */
  LAYOUT("transpose/concat/slice"),
  /** Activations, additions, scaling, pooling and other element-wise ops and reductions. */
  ELEMENTWISE("element-wise"),
  /** The optimizer's update, gradient gating and clipping. */
  OPTIMIZER("optimizer"),
  /** Loss, metrics, feeds, constants, variables and the executor's own nodes. */
  OTHER("other");

  private final String label;

  OpRole(String label) {
    this.label = label;
  }

  /** How tables and charts name the role. */
  public String label() {
    return label;
  }
}
