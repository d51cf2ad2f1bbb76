package kr.train.optim;

import java.util.Set;
import kr.core.graph.Checks;
import kr.core.graph.Parameter;

/**
 * Which parameters get weight decay, a predicate over a parameter's path and rank. timm's {@code
 * param_groups_weight_decay} exempts every parameter of rank 0 or 1 (biases, the γ/β of BatchNorm
 * and LayerNorm, PoolFormer's layer scale), every parameter named {@code bias}, and the model's
 * {@code no_weight_decay()} names ({@code pos_embed}, {@code cls_token}, {@code dist_token} for
 * ViT/DeiT); see {@link #timm()}.
 */
@FunctionalInterface
public interface WeightDecayRule {
  /** The ViT/DeiT parameter names exempt from decay whatever their rank. */
  Set<String> TIMM_NO_DECAY_NAMES = Set.of("pos_embed", "cls_token", "dist_token");

  /**
   * @param path the parameter's path, e.g. {@code blocks3/attn/qkv/kernel}
   * @param rank the number of dimensions of the parameter
   * @return whether the optimizer applies weight decay to it
   */
  boolean decays(String path, int rank);

  /**
   * @param parameter a parameter
   * @return whether the optimizer applies weight decay to it
   */
  default boolean decays(Parameter parameter) {
    return decays(parameter.path(), parameter.spec().dims().length);
  }

  /**
   * @return the rule that decays every parameter (the behaviour without an exclusion rule)
   */
  static WeightDecayRule all() {
    return (path, rank) -> true;
  }

  /**
   * @return timm's rule: no decay on rank ≤ 1, on {@code bias}, and on {@link #TIMM_NO_DECAY_NAMES}
   */
  static WeightDecayRule timm() {
    return excluding(TIMM_NO_DECAY_NAMES);
  }

  /**
   * @param names last path segments exempt from decay (in addition to rank ≤ 1 and {@code bias})
   * @return timm's rule with this no-decay list
   */
  static WeightDecayRule excluding(Set<String> names) {
    Set<String> copy = Set.copyOf(Checks.notNull("names", names));
    return (path, rank) -> {
      String last = path.substring(path.lastIndexOf('/') + 1);
      return rank > 1 && !last.equals("bias") && !copy.contains(last);
    };
  }
}
