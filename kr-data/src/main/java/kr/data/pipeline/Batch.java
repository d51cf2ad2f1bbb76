package kr.data.pipeline;

import kr.data.Checks;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One batch as TensorFlow tensors: {@code images} of shape {@code [B, H, W, C]} (NHWC, augmented
 * and normalised) and {@code labels} of shape {@code [B]}. The consumer owns the batch and must
 * {@link #close()} it, which closes both tensors; {@link #imagesArray()} gives the pixels as a
 * plain array for non-TensorFlow consumers.
 */
public final class Batch implements AutoCloseable {
  private final TFloat32 images;
  private final TInt32 labels;
  private final int[] indices;
  private final int height;
  private final int width;
  private final int channels;
  private boolean closed;

  /**
   * A batch built outside a pipeline (e.g. from arrays held in memory). The arrays are not copied.
   *
   * @param pixels {@code B × height × width × channels} floats, NHWC
   * @param labelValues {@code B} class indices
   * @param indices {@code B} dataset indices of the examples, in batch order
   * @throws IllegalArgumentException if the lengths do not agree
   */
  public static Batch of(
      float[] pixels, int[] labelValues, int[] indices, int height, int width, int channels) {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.positive("channels", channels);
    if (labelValues.length != indices.length
        || pixels.length != (long) indices.length * height * width * channels) {
      throw new IllegalArgumentException(
          "batch of "
              + indices.length
              + " indices needs "
              + indices.length
              + " labels and "
              + (long) indices.length * height * width * channels
              + " pixels, got "
              + labelValues.length
              + " and "
              + pixels.length);
    }
    return new Batch(pixels, labelValues, indices, height, width, channels);
  }

  Batch(float[] pixels, int[] labelValues, int[] indices, int height, int width, int channels) {
    this.indices = indices;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.images =
        TFloat32.tensorOf(
            Shape.of(indices.length, height, width, channels), DataBuffers.of(pixels, true, false));
    TInt32 l;
    try {
      l = TInt32.vectorOf(labelValues);
    } catch (RuntimeException e) {
      images.close();
      throw e;
    }
    this.labels = l;
  }

  /**
   * @return the images tensor, {@code [B, H, W, C]} float32
   */
  public TFloat32 images() {
    return images;
  }

  /**
   * @return the labels tensor, {@code [B]} int32
   */
  public TInt32 labels() {
    return labels;
  }

  /**
   * @return B, the number of examples in this batch (the last batch may be smaller)
   */
  public int size() {
    return indices.length;
  }

  /**
   * @return image rows
   */
  public int height() {
    return height;
  }

  /**
   * @return image columns
   */
  public int width() {
    return width;
  }

  /**
   * @return image channels
   */
  public int channels() {
    return channels;
  }

  /**
   * @return the dataset indices of the examples, in batch order (a copy)
   */
  public int[] indices() {
    return indices.clone();
  }

  /**
   * @return a copy of the images as a flat NHWC array
   */
  public float[] imagesArray() {
    float[] out = new float[indices.length * height * width * channels];
    images.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /**
   * @return a copy of the labels
   */
  public int[] labelsArray() {
    int[] out = new int[indices.length];
    labels.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Closes both tensors; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      images.close();
      labels.close();
    }
  }
}
