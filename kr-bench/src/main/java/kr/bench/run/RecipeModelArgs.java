package kr.bench.run;

import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.Checks;
import kr.train.recipe.Recipe;

/**
 * The model side of a training recipe: its classifier dropout and its stochastic depth, the latter
 * {@link kr.train.recipe.Regularisers#dropPathStatic() for static baselines} or {@link
 * kr.train.recipe.Regularisers#dropPathDynamic() for dynamic models} (DeiT and PoolFormer: 0.1 and
 * 0, since the paper disables drop path for its dynamic networks, §4.1). Every method but static
 * kernels counts as dynamic (KR, ODConv, the dynamic-only controls). Backbones without stochastic
 * depth (the CNNs) get no drop path.
 */
public final class RecipeModelArgs {
  private RecipeModelArgs() {}

  /**
   * {@code args} with the recipe's dropout and drop-path rate for {@code backbone} and {@code
   * args}' method.
   */
  public static BackboneArgs apply(Recipe recipe, String backbone, BackboneArgs args) {
    Checks.notNull("recipe", recipe);
    Checks.notNull("args", args);
    return args.withDropout(recipe.regularisers().dropout())
        .withDropPath(dropPath(recipe, backbone, args));
  }

  /** The recipe's drop-path rate for {@code backbone} built with {@code args}' method. */
  public static double dropPath(Recipe recipe, String backbone, BackboneArgs args) {
    boolean dynamic = !(args.method() instanceof StaticMethod);
    return Backbones.factory(backbone).supportsDropPath()
        ? recipe.regularisers().dropPath(dynamic)
        : 0;
  }
}
