package kr.train.data;

import kr.core.graph.Checks;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One batch ready to feed: normalised images [B, H, W, C] and class labels [B]. The batch owns
 * both tensors; close it once the step has run.
 *
 * @param images float32 NHWC images
 * @param labels int32 class indices
 */
public record Batch(TFloat32 images, TInt32 labels) implements AutoCloseable {

  public Batch {
    Checks.notNull("images", images);
    Checks.notNull("labels", labels);
    Checks.check(images.shape().numDimensions() == 4, "images", images.shape(), "must be NHWC");
    Checks.check(labels.shape().numDimensions() == 1
        && labels.shape().get(0) == images.shape().get(0), "labels", labels.shape(),
        "must be [B] with B = " + images.shape().get(0));
  }

  /** Number of examples. */
  public int size() {
    return (int) labels.shape().get(0);
  }

  @Override
  public void close() {
    images.close();
    labels.close();
  }
}
