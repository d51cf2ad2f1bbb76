package kr.core.model;

import kr.core.graph.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A network mapping NHWC images to class logits. Backbones (static, KR or with a dynamic-kernel
 * baseline) implement it; the trainer, the evaluator and the FLOPs audit only see this.
 *
 * <p>{@link #logits} is called once per graph build (a training and an inference build share
 * parameters through the context's store).
 */
public interface ImageClassifier {

  /** A short identifier, e.g. {@code vit-nano/kr4x}. */
  String name();

  /** The input this network expects. */
  InputSpec input();

  int numClasses();

  /** Builds the forward pass: images [B, H, W, C] → logits [B, numClasses]. */
  <T extends TFloating> Operand<T> logits(BuildContext<T> ctx, Operand<T> images);
}
