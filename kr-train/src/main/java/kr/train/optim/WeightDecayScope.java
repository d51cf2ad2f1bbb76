package kr.train.optim;

/**
 * The named weight-decay exclusion rules a configuration can record (a {@link WeightDecayRule} is a
 * predicate and cannot be written to {@code config.json}).
 */
public enum WeightDecayScope {
  /** Every parameter is decayed. */
  ALL,
  /**
   * timm's rule ({@link WeightDecayRule#timm()}): no decay on rank ≤ 1 (biases, norm γ/β, layer
   * scale), on {@code bias}, {@code pos_embed}, {@code cls_token} and {@code dist_token}.
   */
  TIMM;

  /** The rule this scope names. */
  public WeightDecayRule rule() {
    return this == TIMM ? WeightDecayRule.timm() : WeightDecayRule.all();
  }
}
