package kr.core.model;

import kr.core.graph.BuildContext;
import kr.core.kr.KrState;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A network mapping NHWC images to class logits. Backbones (static, KR or with a dynamic-kernel
 * baseline) implement it; the trainer, the evaluator and the FLOPs audit only see this.
 *
 * <p>The forward pass is split as timm's {@code forward_features}/{@code forward_head}: {@link
 * #features} gives the pooled features and the final kernel representation d, {@link #head} maps
 * them to logits, and {@link #logits} is {@code head(features(images))} (t-SNE and feature export
 * use {@link #features} alone).
 *
 * <p>{@link #logits} (or {@link #features}) is called once per graph build (a training and an
 * inference build share parameters through the context's store).
 */
public interface ImageClassifier {

  /** A short identifier, e.g. {@code vit-nano/kr4x}. */
  String name();

  /** The input this network expects. */
  InputSpec input();

  int numClasses();

  /**
   * Images [B, H, W, C] → the pooled features [B, F] before the classifier (ViT: the class token
   * after the final norm; CNNs: the global average) as {@link KrState#x()}, and the final d as
   * {@link KrState#d()} (absent for static kernels).
   */
  <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images);

  /** Logits [B, numClasses] from {@link #features}: dropout, then the classifier (on cat[x, d]). */
  <T extends TFloating> Operand<T> head(BuildContext<T> ctx, KrState<T> features);

  /** Builds the forward pass: images [B, H, W, C] → logits [B, numClasses]. */
  default <T extends TFloating> Operand<T> logits(BuildContext<T> ctx, Operand<T> images) {
    return head(ctx, features(ctx, images));
  }
}
