package kr.backbones.vit;

import kr.core.graph.Checks;
import kr.core.model.InputSpec;

/**
 * Architecture arguments of a ViT (timm's {@code patch_size, embed_dim, depth, num_heads,
 * mlp_ratio}).
 *
 * @param patch side of the square patches, or {@link #AUTO_PATCH}: chosen from the input by {@link
 *     #patchFor} (16 at ImageNet resolution, 4 on CIFAR-sized inputs, paper Table 2)
 * @param dim embedding width
 * @param depth number of transformer layers (each = attention + MLP residual blocks)
 * @param heads attention heads; {@code dim} must be divisible by it
 * @param mlpRatio hidden width of the MLP as a multiple of {@code dim}
 */
public record VitArgs(int patch, int dim, int depth, int heads, int mlpRatio) {

  /** Patch size chosen from the input (see {@link #patchFor}). */
  public static final int AUTO_PATCH = 0;

  public static final int DEFAULT_MLP_RATIO = 4;

  /** Patch size at ImageNet resolution (ViT/DeiT "/16"). */
  public static final int IMAGENET_PATCH = 16;

  /** Patch size on small (CIFAR) inputs, paper §4.2 "patch embedding … 4 × 4". */
  public static final int SMALL_INPUT_PATCH = 4;

  /** Inputs whose shorter side is at least this get {@link #IMAGENET_PATCH}. */
  public static final int IMAGENET_MIN_SIDE = 224;

  public VitArgs {
    Checks.nonNegative("patch", patch);
    Checks.positive("dim", dim);
    Checks.positive("depth", depth);
    Checks.positive("heads", heads);
    Checks.check(dim % heads == 0, "dim", dim, "must be divisible by heads=" + heads);
    Checks.positive("mlpRatio", mlpRatio);
  }

  /** MLP ratio 4. */
  public VitArgs(int patch, int dim, int depth, int heads) {
    this(patch, dim, depth, heads, DEFAULT_MLP_RATIO);
  }

  /** The patch size for an input: 16 when its shorter side is ≥ 224, else 4. */
  public static int patchFor(InputSpec input) {
    Checks.notNull("input", input);
    return Math.min(input.height(), input.width()) >= IMAGENET_MIN_SIDE
        ? IMAGENET_PATCH
        : SMALL_INPUT_PATCH;
  }

  /** These arguments with a concrete patch size for {@code input}, checked to tile it. */
  public VitArgs resolve(InputSpec input) {
    VitArgs r = patch == AUTO_PATCH ? withPatch(patchFor(input)) : this;
    Checks.check(
        input.height() % r.patch == 0 && input.width() % r.patch == 0,
        "input",
        input,
        "must be divisible into " + r.patch + "×" + r.patch + " patches");
    return r;
  }

  /** Patch tokens (without the class token) for {@code input}; needs a concrete patch. */
  public int patches(InputSpec input) {
    Checks.check(patch != AUTO_PATCH, "patch", "auto", "must be resolved first");
    return (input.height() / patch) * (input.width() / patch);
  }

  public int headDim() {
    return dim / heads;
  }

  public int hidden() {
    return dim * mlpRatio;
  }

  public VitArgs withPatch(int p) {
    return new VitArgs(p, dim, depth, heads, mlpRatio);
  }

  public VitArgs withDim(int d) {
    return new VitArgs(patch, d, depth, heads, mlpRatio);
  }

  public VitArgs withDepth(int d) {
    return new VitArgs(patch, dim, d, heads, mlpRatio);
  }

  public VitArgs withHeads(int h) {
    return new VitArgs(patch, dim, depth, h, mlpRatio);
  }

  public VitArgs withMlpRatio(int r) {
    return new VitArgs(patch, dim, depth, heads, r);
  }
}
