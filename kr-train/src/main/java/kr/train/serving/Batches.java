package kr.train.serving;

import kr.core.model.InputSpec;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Batches of pixel images in and rows of outputs out of a {@link PixelClassifier}'s session. */
final class Batches {
  private Batches() {}

  /**
   * {@code n} images of {@code input} as a {@code [n, H, W, C]} tensor (the caller closes it).
   *
   * @throws IllegalArgumentException if {@code pixels} does not hold exactly {@code n} images
   */
  static TFloat32 tensor(InputSpec input, float[] pixels, int n) {
    long per = (long) input.height() * input.width() * input.channels();
    if (n <= 0 || pixels == null || pixels.length != per * n) {
      throw new IllegalArgumentException(
          "expected "
              + n
              + " images of "
              + input.height()
              + "x"
              + input.width()
              + "x"
              + input.channels()
              + " pixels ("
              + per * Math.max(n, 0)
              + " values), got "
              + (pixels == null ? "none" : pixels.length + " values"));
    }
    return TFloat32.tensorOf(
        Shape.of(n, input.height(), input.width(), input.channels()),
        DataBuffers.of(pixels, true, false));
  }

  /** A {@code [n, k]} tensor as {@code n} rows. */
  static float[][] rows(TFloat32 t, int n) {
    float[] flat = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(flat, false, false));
    int k = flat.length / n;
    float[][] out = new float[n][k];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * k, out[i], 0, k);
    }
    return out;
  }
}
