package kr.train.serving;

import kr.core.model.InputSpec;

/**
 * A classifier of images given as raw pixel values (0..255, NHWC, row-major): the normalisation the
 * model was trained with happens inside it.
 */
public interface PixelClassifier extends AutoCloseable {

  /** The image size and channels it takes (pixel values: no normalisation). */
  InputSpec input();

  /** Number of classes (the width of each output row). */
  int numClasses();

  /**
   * Classifies {@code n} images.
   *
   * @param pixels {@code n × height × width × channels} values on the 0..255 scale, NHWC
   * @param n number of images
   * @return logits and softmax probabilities, one row per image
   * @throws IllegalArgumentException if {@code pixels} does not hold exactly {@code n} images of
   *     {@link #input()}
   */
  Outputs classify(float[] pixels, int n);

  @Override
  void close();

  /**
   * What the model computes for a batch.
   *
   * @param logits {@code [n][numClasses]}
   * @param probabilities {@code [n][numClasses]}, each row the softmax of the logits row
   */
  record Outputs(float[][] logits, float[][] probabilities) {}
}
